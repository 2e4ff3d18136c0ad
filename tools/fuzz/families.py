"""families.py: construct families that gen.py mixes into its programs.

A family is a generator of self-contained *fragments*: a few functions and
globals with a prefix of their own, and one call `PREFIX run(x)` returning a
u64 that main() folds into the checksum. Each family reaches an edge of
heap2stack's model that the ordinary generator never produces (issues 14, 15
and 18):

  exposure    the address leaves as an integer, a string or bytes and comes
              back (fam_exposure.py)
  library     library calls that keep a pointer or call back: setvbuf,
              putenv, strtok, tsearch, qsort/bsearch comparators, on_exit,
              signals, thread-specific data (fam_library.py)
  stack       recursion the pass may not see (through qsort, raise, a
              function pointer made direct by inlining) and long call chains
              on small thread stacks, sized so that the heap version runs
              and a promoted one overflows (fam_stack.py)
  multitu     a program in two translation units: recursion that crosses
              files, helpers inlined at link time (full LTO, ThinLTO, or
              none), with the plugin at compile and link time (fam_multitu.py)
  cxx         (C++ programs) a pointer in an exception object, in a
              lambda held by a global std::function, released from a
              unique_ptr, kept by a unique_ptr deleter, objects on an
              exception's unwind path (fam_cxx.py)
  fields      arrays of records linking into themselves beside integer
              fields; a helper reads an integer field (may move) or a
              pointer field's bytes as an integer (memcpy, halves, bytes,
              runtime offset, record copy, union), which a later function
              turns back into the pointer (fam_fields.py)
  growth      buffers grown with realloc from a small first block, and
              their near misses: kept in a global, freed with another
              block, returned, copied by a helper that keeps the old one
              (fam_growth.py)
  wrappers    xmalloc-style wrapper pairs with counters (same file, not
              inlinable, or in the second unit under LTO) around a scratch
              buffer, and the near misses: a pool, an address kept as an
              integer, a recycling free, a hidden header (fam_wrappers.py)
  alloc       declared allocators (alloc=... specs, arenas whose free takes
              (arena, p)), naked functions and inline asm receiving pointers,
              setjmp/longjmp (fam_alloc.py)

Fragments use their own random stream (seeded from the program's seed), so
adding families leaves the ordinary part of every seed's program unchanged.
A fragment may ask for plugin options (`alloc=` specs): gen.py writes them
in a `/* h2s-options: ... */` line that run.sh passes to the plugin builds.
A fragment with a second translation unit makes the program one file built
twice: everything outside `#if H2S_TU == 2` is the first unit, the rest the
second; `/* h2s-tus: 2 */` and `/* h2s-lto: full|thin|none */` tell run.sh.
"""
import fam_alloc
import fam_cxx
import fam_exposure
import fam_fields
import fam_growth
import fam_library
import fam_multitu
import fam_stack
import fam_wrappers

# name -> (weight when mixed into an ordinary program, module)
FAMILIES = {
    "exposure": (4, fam_exposure),
    "library": (3, fam_library),
    "stack": (2, fam_stack),
    "alloc": (2, fam_alloc),
    "growth": (2, fam_growth),
    "fields": (3, fam_fields),
    "wrappers": (2, fam_wrappers),
    "multitu": (1, fam_multitu),
    "cxx": (1, fam_cxx),  # C++ programs only
}


class Fragments:
    """What the chosen fragments add to a program."""

    def __init__(self):
        self.decls = []
        self.calls = []  # u64 expressions of x, folded into the checksum
        self.includes = set()
        self.options = []  # heap2stack options (joined with ';')
        self.cflags = set()
        self.names = []  # "family:prefix", for the header comment
        # A second translation unit: code that must not be visible in the
        # first file (an allocator, the other half of a recursion). The
        # program is then built as two files, with LTO per `lto`.
        self.tu2 = []
        self.lto = None  # None, "full" or "thin", chosen by a fragment


def choose(r, family, cxx=False):
    """Fragments for one program: `family` names one family (a focused
    batch) or is None (ordinary programs, where fragments are occasional;
    C++ programs get only the cxx family, C programs all the others)."""
    fr = Fragments()
    if family:
        picks = [family] * r.randrange(2, 5)
    else:
        names = ["cxx"] if cxx else sorted(n for n in FAMILIES if n != "cxx")
        weights = [FAMILIES[n][0] for n in names]
        k = r.choice([0, 0, 0, 1, 1, 2])
        picks = [r.choices(names, weights)[0] for _ in range(k)]
    if not family and picks.count("multitu") > 1:
        picks = [p for p in picks if p != "multitu"] + ["multitu"]
    for i, fam in enumerate(picks):
        tag = "x%d_" % i
        fr.decls.append("")
        call = FAMILIES[fam][1].make(r, tag, fr)
        fr.calls.append(call)
        fr.names.append("%s:%s" % (fam, tag))
    if fr.tu2 and not fr.lto:
        fr.lto = r.choice(["none", "full", "thin"])
    if fr.calls:
        fr.decls.insert(0, THREAD_HELPER)
        fr.includes |= {"pthread.h"}
        fr.cflags.add("-pthread")
    return fr


# Runs fn(arg) on a thread with a stack of `stack` bytes. The guard area is
# large so that an overflow faults at once rather than landing in another
# mapping (a promoted buffer can be larger than one guard page).
THREAD_HELPER = r"""
struct on_thread_args { u64 (*fn)(u64); u64 arg, res; };
static void *on_thread_main(void *v) {
  struct on_thread_args *t = (struct on_thread_args *)v;
  t->res = t->fn(t->arg);
  return NULL;
}
static u64 on_thread(size_t stack, u64 (*fn)(u64), u64 arg) {
  pthread_attr_t at;
  pthread_t th;
  struct on_thread_args t = {fn, arg, 0};
  pthread_attr_init(&at);
  pthread_attr_setstacksize(&at, stack);
  pthread_attr_setguardsize(&at, 1 << 20);
  if (pthread_create(&th, &at, on_thread_main, &t) != 0) { printf("pthread_create failed\n"); exit(3); }
  pthread_join(th, NULL);
  pthread_attr_destroy(&at);
  return t.res;
}"""
