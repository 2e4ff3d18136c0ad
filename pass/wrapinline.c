/* wrapinline.c: what becomes of allocation wrapper calls (wrappers.c
 * recognises them). Before the rewrite, the wrappers at moved sites, and
 * the free wrappers paired with them, are inlined with LLVM's inliner
 * (through the shim), so that rewrite.c moves the inner allocation and
 * removes the inner free while every other effect of the wrappers stays.
 * And a Missed remark for calls to declarations that look like wrappers
 * whose body is elsewhere. */
#include "h2s.h"

/* The site stays on the heap after all: its frees are kept. */
static void keep_on_heap(h2s_build *b, size_t i) {
  b->sites[i].promote = 0;
  for (size_t k = 0; k < b->nfrees; k++)
    if (b->frees[k].site == (int)i)
      b->frees[k].site = -1;
}

static int wrapped_call(h2s_build *b, LLVMValueRef call) {
  return h2s_wrapper_of(b, h2s_called_function(call)) != NULL;
}

int h2s_wrappers_inline(h2s_build *b) {
  /* First, while nothing has changed: every wrapper to open for a site
   * must be one LLVM will inline at that call, or the site stays. */
  for (size_t k = 0; k < b->nfrees; k++) {
    h2s_use *f = &b->frees[k];
    if (f->site >= 0 && wrapped_call(b, f->inst) &&
        !h2s_host_can_inline(f->inst))
      keep_on_heap(b, (size_t)f->site);
  }
  for (size_t i = 0; i < b->nsites; i++)
    if (b->sites[i].promote && b->sites[i].wrapped &&
        !h2s_host_can_inline(b->sites[i].call))
      keep_on_heap(b, i);

  int any = 0;
  for (size_t i = 0; i < b->nsites; i++) {
    h2s_site *s = &b->sites[i];
    if (!s->promote || !s->wrapped)
      continue;
    const h2s_wrapper *w = h2s_wrapper_of(b, h2s_called_function(s->call));
    LLVMValueRef inner;
    int r = h2s_host_inline(b->host, s->call, w->inner, &inner);
    if (r == 0) {
      any = 1;
      h2s_host_changed(b->host, b->fns[s->fn]);
    }
    if (r != 0 || !inner) {
      /* Refused (nothing changed), or the allocation was pruned from the
       * copy: either way a sound program with the site on the heap. */
      keep_on_heap(b, i);
      continue;
    }
    h2s_alloc a;
    h2s_classify(b, inner, &a);
    s->call = inner;
    s->size_arg = a.size_arg;
    s->count_arg = a.count_arg;
  }
  for (size_t k = 0; k < b->nfrees; k++) {
    h2s_use *f = &b->frees[k];
    if (f->site < 0 || !b->sites[f->site].promote)
      continue;
    if (wrapped_call(b, f->inst)) {
      const h2s_wrapper *w = h2s_wrapper_of(b, h2s_called_function(f->inst));
      LLVMValueRef inner;
      /* The free may be in another function of the SCC than the site. */
      LLVMValueRef caller =
          LLVMGetBasicBlockParent(LLVMGetInstructionParent(f->inst));
      /* Checked above: LLVM inlines it. A free wrapper left to run on a
       * stack object would be a miscompile, so a refusal is fatal. */
      if (h2s_host_inline(b->host, f->inst, w->inner, &inner) != 0)
        h2s_die("could not inline a free wrapper checked inlinable");
      any = 1;
      h2s_host_changed(b->host, caller);
      if (!inner) {
        f->site = -1; /* the copy frees nothing: nothing to remove */
        continue;
      }
      h2s_alloc a;
      h2s_classify(b, inner, &a);
      f->inst = inner;
      f->ptr_arg = a.ptr_arg;
    }
    /* Whether the free certainly receives the object, now that the
     * object is the inner call. */
    if (b->sites[f->site].wrapped)
      f->direct = LLVMGetOperand(f->inst, (unsigned)f->ptr_arg) ==
                  b->sites[f->site].call;
  }
  return any;
}

/* Does the name read like an allocator's (case-insensitive "alloc")? */
static int alloc_like_name(const char *name, size_t len) {
  for (size_t i = 0; i + 5 <= len; i++) {
    size_t k = 0;
    while (k < 5 && (name[i + k] | 0x20) == "alloc"[k])
      k++;
    if (k == 5)
      return 1;
  }
  return 0;
}

void h2s_wrapper_unseen(h2s_build *b, LLVMValueRef call, LLVMValueRef fn) {
  if (b->quiet || LLVMGetIntrinsicID(fn) ||
      LLVMGetTypeKind(LLVMTypeOf(call)) != LLVMPointerTypeKind ||
      !h2s_host_remarks_enabled(b->host, b->func, H2S_MISSED) ||
      h2s_host_is_library(b->host, call))
    return;
  size_t len;
  const char *name = LLVMGetValueName2(fn, &len);
  /* Reserved names (__cxa_allocate_exception, _Znwm) are the
   * implementation's, not the program's wrappers. */
  if (len >= 2 && name[0] == '_' &&
      (name[1] == '_' || (name[1] >= 'A' && name[1] <= 'Z')))
    return;
  unsigned noalias = LLVMGetEnumAttributeKindForName("noalias", 7);
  if (!alloc_like_name(name, len) &&
      !h2s_call_attr(b, call, (int)LLVMAttributeReturnIndex, noalias) &&
      !h2s_call_has_fnattr(b, call, b->ak_allocsize))
    return;
  h2s_rarg a[2] = {
      {"Callee", name, NULL, 0, 0},
      {"String",
       ": result stays on heap: its body is not visible here (a wrapper in "
       "another file needs LTO; declare an allocator with alloc=)",
       NULL, 0, 0}};
  h2s_host_remark(b->host, H2S_MISSED, "WrapperNotVisible", call, a, 2);
}
