/* alloc.c: allocator families. Which calls allocate, free or reallocate,
 * recognised first by LLVM's allocator attributes (allockind, allocsize,
 * allocalign, allocptr, set by clang and the inferattrs pass) and then by
 * name, for IR that lacks them (-O0-style IR, -fno-builtin).
 *
 * Only calls to declarations count: an allocator defined in the module is
 * the user's own, with effects we must keep. C++ operator new/delete follow
 * the language: a call marked nobuiltin (a direct call to ::operator new)
 * is observable and never removed; a new-expression (builtin) is. */
#include "h2s.h"

#include <string.h>

/* LLVM's AllocFnKind bits (llvm/IR/Attributes.h). */
enum {
  AFK_ALLOC = 1 << 0,
  AFK_REALLOC = 1 << 1,
  AFK_FREE = 1 << 2,
  AFK_UNINIT = 1 << 3,
  AFK_ZEROED = 1 << 4,
  AFK_ALIGNED = 1 << 5,
};

/* What malloc and new guarantee on the targets we know: 16 on 64-bit
 * (glibc, __STDCPP_DEFAULT_NEW_ALIGNMENT__), and 16 is also what glibc
 * gives on i386. Over-aligning a stack slot costs nothing. */
#define H2S_MALLOC_ALIGN 16

typedef struct known {
  const char *name;
  enum h2s_allockind kind;
  int size_arg, count_arg, align_arg, ptr_arg, zeroed, cxx;
} known;

/* name, kind, size, count, align, ptr, zeroed, C++ */
static const known table[] = {
    {"malloc", H2S_ALLOC, 0, -1, -1, -1, 0, 0},
    {"calloc", H2S_ALLOC, 1, 0, -1, -1, 1, 0},
    {"aligned_alloc", H2S_ALLOC, 1, -1, 0, -1, 0, 0},
    {"memalign", H2S_ALLOC, 1, -1, 0, -1, 0, 0},
    /* Page-aligned: a stack slot would be no more than 16-byte aligned, and
     * page-sized alignment on the stack is not worth it. Never moved. */
    {"valloc", H2S_NOT_ALLOC, -1, -1, -1, -1, 0, 0},
    {"pvalloc", H2S_NOT_ALLOC, -1, -1, -1, -1, 0, 0},
    {"free", H2S_FREE, -1, -1, -1, 0, 0, 0},
    {"free_sized", H2S_FREE, -1, -1, -1, 0, 0, 0},
    {"free_aligned_sized", H2S_FREE, -1, -1, -1, 0, 0, 0},
    {"cfree", H2S_FREE, -1, -1, -1, 0, 0, 0},
    {"realloc", H2S_REALLOC, 1, -1, -1, 0, 0, 0},
    {"reallocf", H2S_REALLOC, 1, -1, -1, 0, 0, 0},
    {"reallocarray", H2S_REALLOC, 2, 1, -1, 0, 0, 0},
    /* Boehm GC: collected memory, never freed explicitly; GC_malloc clears
     * it. GC_malloc_uncollectable is a root for the collector: not ours. */
    {"GC_malloc", H2S_ALLOC, 0, -1, -1, -1, 1, 0},
    {"GC_malloc_atomic", H2S_ALLOC, 0, -1, -1, -1, 0, 0},
    {"GC_free", H2S_FREE, -1, -1, -1, 0, 0, 0},
    {"GC_realloc", H2S_REALLOC, 1, -1, -1, 0, 0, 0},
    /* C++ operator new and new[]: plain, nothrow, aligned, both. */
    {"_Znwm", H2S_ALLOC, 0, -1, -1, -1, 0, 1},
    {"_Znam", H2S_ALLOC, 0, -1, -1, -1, 0, 1},
    {"_ZnwmRKSt9nothrow_t", H2S_ALLOC, 0, -1, -1, -1, 0, 1},
    {"_ZnamRKSt9nothrow_t", H2S_ALLOC, 0, -1, -1, -1, 0, 1},
    {"_ZnwmSt11align_val_t", H2S_ALLOC, 0, -1, 1, -1, 0, 1},
    {"_ZnamSt11align_val_t", H2S_ALLOC, 0, -1, 1, -1, 0, 1},
    {"_ZnwmSt11align_val_tRKSt9nothrow_t", H2S_ALLOC, 0, -1, 1, -1, 0, 1},
    {"_ZnamSt11align_val_tRKSt9nothrow_t", H2S_ALLOC, 0, -1, 1, -1, 0, 1},
    {"_Znwj", H2S_ALLOC, 0, -1, -1, -1, 0, 1},
    {"_Znaj", H2S_ALLOC, 0, -1, -1, -1, 0, 1},
    /* operator delete and delete[]: plain, sized, aligned, nothrow. */
    {"_ZdlPv", H2S_FREE, -1, -1, -1, 0, 0, 1},
    {"_ZdaPv", H2S_FREE, -1, -1, -1, 0, 0, 1},
    {"_ZdlPvm", H2S_FREE, -1, -1, -1, 0, 0, 1},
    {"_ZdaPvm", H2S_FREE, -1, -1, -1, 0, 0, 1},
    {"_ZdlPvj", H2S_FREE, -1, -1, -1, 0, 0, 1},
    {"_ZdaPvj", H2S_FREE, -1, -1, -1, 0, 0, 1},
    {"_ZdlPvSt11align_val_t", H2S_FREE, -1, -1, -1, 0, 0, 1},
    {"_ZdaPvSt11align_val_t", H2S_FREE, -1, -1, -1, 0, 0, 1},
    {"_ZdlPvmSt11align_val_t", H2S_FREE, -1, -1, -1, 0, 0, 1},
    {"_ZdaPvmSt11align_val_t", H2S_FREE, -1, -1, -1, 0, 0, 1},
    {"_ZdlPvRKSt9nothrow_t", H2S_FREE, -1, -1, -1, 0, 0, 1},
    {"_ZdaPvRKSt9nothrow_t", H2S_FREE, -1, -1, -1, 0, 0, 1},
    {"_ZdlPvSt11align_val_tRKSt9nothrow_t", H2S_FREE, -1, -1, -1, 0, 0, 1},
    {"_ZdaPvSt11align_val_tRKSt9nothrow_t", H2S_FREE, -1, -1, -1, 0, 0, 1},
};

static const known *lookup(const char *name, size_t len) {
  for (size_t i = 0; i < sizeof table / sizeof *table; i++)
    if (strlen(table[i].name) == len && memcmp(table[i].name, name, len) == 0)
      return &table[i];
  return NULL;
}

/* Is the call a C++ allocation the language lets us remove? A direct call
 * to ::operator new carries nobuiltin (from the declaration); a
 * new-expression carries builtin at the call site. */
static int cxx_removable(h2s_build *b, LLVMValueRef call) {
  if (!h2s_call_has_fnattr(b, call, b->ak_nobuiltin))
    return 1;
  return h2s_call_has_fnattr(b, call, b->ak_builtin);
}

static int param_with(h2s_build *b, LLVMValueRef fn, unsigned kind) {
  unsigned n = LLVMCountParams(fn);
  for (unsigned i = 0; i < n; i++)
    if (LLVMGetEnumAttributeAtIndex(fn, i + 1, kind))
      return (int)i;
  return -1;
}

/* Does argument i exist and have the type the table expects? */
static int arg_ok(LLVMValueRef call, int i, int want_ptr) {
  if (i < 0)
    return 1;
  if ((unsigned)i >= LLVMGetNumArgOperands(call))
    return 0;
  LLVMTypeKind k = LLVMGetTypeKind(LLVMTypeOf(LLVMGetOperand(call, (unsigned)i)));
  return want_ptr ? k == LLVMPointerTypeKind : k == LLVMIntegerTypeKind;
}

void h2s_classify(h2s_build *b, LLVMValueRef call, h2s_alloc *out) {
  memset(out, 0, sizeof *out);
  out->kind = H2S_NOT_ALLOC;
  out->size_arg = out->count_arg = out->align_arg = out->ptr_arg = -1;
  LLVMValueRef fn = h2s_called_function(call);
  if (!fn || !LLVMIsDeclaration(fn) || LLVMGetIntrinsicID(fn))
    return;
  size_t len;
  const char *name = LLVMGetValueName2(fn, &len);
  out->name = name;
  /* Allocators the user declared come first. */
  for (int i = 0; i < b->opt->nallocs; i++) {
    const h2s_user_alloc *u = &b->opt->allocs[i];
    if (strlen(u->name) == len && memcmp(u->name, name, len) == 0) {
      out->kind = H2S_ALLOC;
      out->size_arg = u->size_arg;
      out->count_arg = u->count_arg;
      out->zeroed = u->zeroed;
      out->min_align = u->align;
      if (!arg_ok(call, out->size_arg, 0) || !arg_ok(call, out->count_arg, 0) ||
          LLVMGetTypeKind(LLVMTypeOf(call)) != LLVMPointerTypeKind)
        out->kind = H2S_NOT_ALLOC;
      return;
    }
    if (u->free_fn[0] && strlen(u->free_fn) == len &&
        memcmp(u->free_fn, name, len) == 0) {
      /* The block is the argument the spec names (ptr=I); a call without
       * a pointer there is not the declared free and stays unknown. */
      out->kind = arg_ok(call, u->free_ptr, 1) ? H2S_FREE : H2S_NOT_ALLOC;
      out->ptr_arg = u->free_ptr;
      return;
    }
  }
  const known *k = lookup(name, len);
  if (k && k->kind == H2S_NOT_ALLOC)
    return;
  out->standard = k != NULL;

  /* Attributes first. */
  LLVMAttributeRef ak =
      LLVMGetEnumAttributeAtIndex(fn, LLVMAttributeFunctionIndex, b->ak_allockind);
  if (ak) {
    uint64_t bits = LLVMGetEnumAttributeValue(ak);
    if (bits & AFK_FREE) {
      /* As LLVM decides it: TargetLibraryInfo knows free(p) even when the
       * declaration lacks allocptr; otherwise the allocptr parameter. */
      out->kind = H2S_FREE;
      out->ptr_arg = h2s_host_freed_arg(b->host, call);
    } else if (bits & AFK_REALLOC) {
      out->kind = H2S_REALLOC;
      out->ptr_arg = param_with(b, fn, b->ak_allocptr);
    } else if (bits & AFK_ALLOC) {
      out->kind = H2S_ALLOC;
      out->zeroed = (bits & AFK_ZEROED) != 0;
      out->align_arg = param_with(b, fn, b->ak_allocalign);
      LLVMAttributeRef as = LLVMGetEnumAttributeAtIndex(
          fn, LLVMAttributeFunctionIndex, b->ak_allocsize);
      if (as) {
        uint64_t v = LLVMGetEnumAttributeValue(as);
        out->size_arg = (int)(v >> 32);
        uint32_t count = (uint32_t)v;
        out->count_arg = count == 0xFFFFFFFFu ? -1 : (int)count;
      }
    }
  } else if (k) {
    out->kind = k->kind;
    out->size_arg = k->size_arg;
    out->count_arg = k->count_arg;
    out->align_arg = k->align_arg;
    out->ptr_arg = k->ptr_arg;
    out->zeroed = k->zeroed;
  }
  if (out->kind == H2S_NOT_ALLOC)
    return;
  /* Allocators whose attributes we cannot use stay unknown calls. */
  int ok = 1;
  if (out->kind == H2S_ALLOC) {
    ok = out->size_arg >= 0 && arg_ok(call, out->size_arg, 0) &&
         arg_ok(call, out->count_arg, 0) && arg_ok(call, out->align_arg, 0) &&
         LLVMGetTypeKind(LLVMTypeOf(call)) == LLVMPointerTypeKind;
  } else {
    ok = out->ptr_arg >= 0 && arg_ok(call, out->ptr_arg, 1);
  }
  if (k && k->cxx && !cxx_removable(b, call))
    ok = 0;
  if (!k && h2s_call_has_fnattr(b, call, b->ak_nobuiltin) &&
      !h2s_call_has_fnattr(b, call, b->ak_builtin))
    ok = 0; /* an unknown allocator the user asked us not to touch */
  if (!ok) {
    out->kind = H2S_NOT_ALLOC;
    return;
  }
  out->min_align = H2S_MALLOC_ALIGN;
}

/* The allocator's other arguments (an arena, a pool, a context, flags)
 * are handed to code we cannot see, which may keep them (a back-pointer in
 * the block's header, a list of arenas) or write through them: they go to
 * the heap like arguments of an unknown call, and Rule U then gives what
 * they point to unknown contents. Sizes, counts and alignments are numbers
 * by the allocator's contract, and so are the other integer arguments of
 * the C and C++ standard allocators (free_sized's size, sized delete's). */
void h2s_allocator_args(h2s_build *b, LLVMValueRef call, const h2s_alloc *a) {
  unsigned n = LLVMGetNumArgOperands(call);
  for (unsigned i = 0; i < n; i++) {
    if ((int)i == a->size_arg || (int)i == a->count_arg ||
        (int)i == a->align_arg || (int)i == a->ptr_arg)
      continue;
    LLVMValueRef arg = LLVMGetOperand(call, i);
    if (a->standard && LLVMGetTypeKind(LLVMTypeOf(arg)) != LLVMPointerTypeKind)
      continue;
    h2s_flow(b, H2S_HEAP, h2s_operand(b, arg), 0, TAG_CALL, call);
  }
}

/* The alloc= spec whose allocator fn is, or -1. */
static int user_alloc_of(h2s_build *b, LLVMValueRef fn) {
  size_t len;
  const char *name = LLVMGetValueName2(fn, &len);
  for (int i = 0; i < b->opt->nallocs; i++)
    if (strlen(b->opt->allocs[i].name) == len &&
        memcmp(b->opt->allocs[i].name, name, len) == 0)
      return i;
  return -1;
}

/* Is fn the free of some alloc= spec? */
static int is_user_free(h2s_build *b, LLVMValueRef fn) {
  size_t len;
  const char *name = LLVMGetValueName2(fn, &len);
  for (int i = 0; i < b->opt->nallocs; i++)
    if (strlen(b->opt->allocs[i].free_fn) == len &&
        memcmp(b->opt->allocs[i].free_fn, name, len) == 0)
      return 1;
  return 0;
}

int h2s_free_takes(h2s_build *b, LLVMValueRef freer, h2s_loc obj) {
  if (b->opt->nallocs == 0)
    return 1;
  LLVMValueRef site = h2s_loc_payload(b->g, obj);
  /* Through wrappers: the family is the allocator's and free's inside. */
  LLVMValueRef afn = site && LLVMIsAInstruction(site) && h2s_is_call(site)
                         ? h2s_unwrap_callee(b, site)
                         : NULL;
  LLVMValueRef ffn = h2s_unwrap_callee(b, freer);
  if (!afn || !ffn)
    return 1; /* an alloca or a global: not an allocator's block */
  int ua = user_alloc_of(b, afn);
  if (ua < 0)
    return !is_user_free(b, ffn);
  size_t len;
  const char *name = LLVMGetValueName2(ffn, &len);
  const char *want = b->opt->allocs[ua].free_fn;
  return strlen(want) == len && memcmp(want, name, len) == 0;
}
