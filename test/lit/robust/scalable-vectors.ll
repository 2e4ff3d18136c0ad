; Scalable vectors: vectors of pointers built from an allocation, scattered
; and gathered, and a scalable-size allocation (vscale-dependent size). The
; pointer inside a vector is a copy of the allocation; a scatter of it to
; unknown addresses publishes it.
; RUN: %opt-h2s -passes=heap2stack -verify-each -S %s | FileCheck %s
; RUN: %opt-h2s -passes='cgscc(heap2stack)' -verify-each -disable-output %s

declare ptr @malloc(i64)
declare void @free(ptr)
declare i64 @llvm.vscale.i64()
declare void @llvm.masked.scatter.nxv2p0.nxv2p0(<vscale x 2 x ptr>, <vscale x 2 x ptr>, i32, <vscale x 2 x i1>)
declare <vscale x 2 x i64> @llvm.masked.gather.nxv2i64.nxv2p0(<vscale x 2 x ptr>, i32, <vscale x 2 x i1>, <vscale x 2 x i64>)

; Splat of the pointer, gathered from: stays valid whatever the verdict.
; CHECK-LABEL: define i64 @splat_and_gather(
define i64 @splat_and_gather() {
  %p = call ptr @malloc(i64 16)
  store i64 5, ptr %p
  %ins = insertelement <vscale x 2 x ptr> poison, ptr %p, i64 0
  %splat = shufflevector <vscale x 2 x ptr> %ins, <vscale x 2 x ptr> poison, <vscale x 2 x i32> zeroinitializer
  %g = call <vscale x 2 x i64> @llvm.masked.gather.nxv2i64.nxv2p0(<vscale x 2 x ptr> %splat, i32 8, <vscale x 2 x i1> splat (i1 true), <vscale x 2 x i64> zeroinitializer)
  %e = extractelement <vscale x 2 x i64> %g, i64 0
  call void @free(ptr %p)
  ret i64 %e
}

; Scattered as a value to unknown addresses: escapes.
; CHECK-LABEL: define void @scattered_escapes(
; CHECK:         call ptr @malloc(i64 16)
define void @scattered_escapes(<vscale x 2 x ptr> %dst) {
  %p = call ptr @malloc(i64 16)
  %ins = insertelement <vscale x 2 x ptr> poison, ptr %p, i64 0
  %splat = shufflevector <vscale x 2 x ptr> %ins, <vscale x 2 x ptr> poison, <vscale x 2 x i32> zeroinitializer
  call void @llvm.masked.scatter.nxv2p0.nxv2p0(<vscale x 2 x ptr> %splat, <vscale x 2 x ptr> %dst, i32 8, <vscale x 2 x i1> splat (i1 true))
  ret void
}

; A vector GEP on the pointer, stored as a scalable vector into the object
; itself and loaded back.
; CHECK-LABEL: define i64 @vector_gep_roundtrip(
define i64 @vector_gep_roundtrip() {
  %p = call ptr @malloc(i64 64)
  %ins = insertelement <vscale x 2 x ptr> poison, ptr %p, i64 0
  %splat = shufflevector <vscale x 2 x ptr> %ins, <vscale x 2 x ptr> poison, <vscale x 2 x i32> zeroinitializer
  %gep = getelementptr i64, <vscale x 2 x ptr> %splat, <vscale x 2 x i64> splat (i64 1)
  %q = extractelement <vscale x 2 x ptr> %gep, i64 1
  store i64 9, ptr %q
  %v = load i64, ptr %q
  call void @free(ptr %p)
  ret i64 %v
}

; The size depends on vscale: not a constant, stays on the heap (or gets the
; small-buffer treatment); the result verifies.
; CHECK-LABEL: define i64 @vscale_size(
define i64 @vscale_size() {
  %vs = call i64 @llvm.vscale.i64()
  %n = mul i64 %vs, 16
  %p = call ptr @malloc(i64 %n)
  store <vscale x 2 x i64> zeroinitializer, ptr %p
  %v = load i64, ptr %p
  call void @free(ptr %p)
  ret i64 %v
}

; A scalable alloca holding the pointer.
; CHECK-LABEL: define i64 @scalable_alloca_holds_pointer(
define i64 @scalable_alloca_holds_pointer() {
  %slot = alloca <vscale x 2 x ptr>
  %p = call ptr @malloc(i64 8)
  store i64 4, ptr %p
  %ins = insertelement <vscale x 2 x ptr> poison, ptr %p, i64 0
  store <vscale x 2 x ptr> %ins, ptr %slot
  %l = load <vscale x 2 x ptr>, ptr %slot
  %q = extractelement <vscale x 2 x ptr> %l, i64 0
  %v = load i64, ptr %q
  call void @free(ptr %p)
  ret i64 %v
}
