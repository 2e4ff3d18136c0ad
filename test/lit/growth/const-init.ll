; A struct initialised by copying a constant (`struct strbuf sb = {NULL, 0,
; 16}` compiles to a memcpy from a private constant): when the constant's
; initializer holds no address, the copy brings no pointer into the struct,
; and the buffer stored there later is analysed as if the fields had been
; assigned one by one. Near misses copy something that may hold a pointer:
; a constant holding an address, a global that may be written, and a
; constant another definition may replace (weak).
; RUN: %opt-h2s -passes=heap2stack -disable-output -pass-remarks=heap2stack -pass-remarks-missed=heap2stack %s 2>&1 | FileCheck %s
; RUN: %opt-h2s -passes=heap2stack -verify-each -disable-output %s

%struct.sb = type { ptr, i64, i64 }

declare ptr @malloc(i64)
declare void @free(ptr)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

@init = private unnamed_addr constant %struct.sb { ptr null, i64 0, i64 16 }
@other = global [16 x i8] zeroinitializer
@init_addr = private unnamed_addr constant %struct.sb { ptr @other, i64 0, i64 16 }
@init_mutable = global %struct.sb { ptr null, i64 0, i64 16 }
@init_weak = weak constant %struct.sb { ptr null, i64 0, i64 16 }

; CHECK: remark: <unknown>:0:0: malloc(16) does not escape: moved to stack; removed 1 free(s)
define i8 @copied_constant_without_addresses() {
  %b = alloca %struct.sb
  call void @llvm.memcpy.p0.p0.i64(ptr %b, ptr @init, i64 24, i1 false)
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr %b
  store i8 1, ptr %p
  %d = load ptr, ptr %b
  %v = load i8, ptr %d
  call void @free(ptr %d)
  ret i8 %v
}

; CHECK: remark: <unknown>:0:0: malloc(16) escapes to heap: freed together with memory of unknown origin
define i8 @copied_constant_with_address() {
  %b = alloca %struct.sb
  call void @llvm.memcpy.p0.p0.i64(ptr %b, ptr @init_addr, i64 24, i1 false)
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr %b
  store i8 1, ptr %p
  %d = load ptr, ptr %b
  %v = load i8, ptr %d
  call void @free(ptr %d)
  ret i8 %v
}

; CHECK: remark: <unknown>:0:0: malloc(16) escapes to heap: freed together with memory of unknown origin
define i8 @copied_mutable_global() {
  %b = alloca %struct.sb
  call void @llvm.memcpy.p0.p0.i64(ptr %b, ptr @init_mutable, i64 24, i1 false)
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr %b
  store i8 1, ptr %p
  %d = load ptr, ptr %b
  %v = load i8, ptr %d
  call void @free(ptr %d)
  ret i8 %v
}

; CHECK: remark: <unknown>:0:0: malloc(16) escapes to heap: freed together with memory of unknown origin
define i8 @copied_weak_constant() {
  %b = alloca %struct.sb
  call void @llvm.memcpy.p0.p0.i64(ptr %b, ptr @init_weak, i64 24, i1 false)
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr %b
  store i8 1, ptr %p
  %d = load ptr, ptr %b
  %v = load i8, ptr %d
  call void @free(ptr %d)
  ret i8 %v
}
