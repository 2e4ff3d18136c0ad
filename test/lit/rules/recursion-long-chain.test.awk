# Writes the module of recursion-long-chain.test with a chain of n functions.
BEGIN {
  print "declare ptr @malloc(i64)"
  print "declare void @free(ptr)"
  print "declare void @use(ptr captures(none)) nofree nounwind nocallback memory(argmem: readwrite)"
  print "define internal void @helper() {"
  print "  %p = call ptr @malloc(i64 1000)"
  print "  call void @use(ptr %p)"
  print "  call void @free(ptr %p)"
  print "  ret void"
  print "}"
  print "define void @top() {"
  print "  call void @helper()"
  print "  call void @c0()"
  print "  ret void"
  print "}"
  for (i = 0; i < n; i++) {
    printf "define internal void @c%d() {\n", i
    if (i + 1 < n)
      printf "  call void @c%d()\n", i + 1
    else if (back)
      print "  call void @top()"
    print "  ret void"
    print "}"
  }
}
