#!/usr/bin/env python3
"""gen.py: a random C (or C++, or Boehm GC) program for differential testing
of heap2stack.

    gen.py --seed N [--mode c|cxx|gc] [--family F|none] [-o FILE]

C programs also get, now and then, fragments of the construct families in
families.py (exposure, library, stack, alloc, multitu; C++ programs: cxx);
--family F puts two to four
fragments of family F into every program (a focused batch), --family none
leaves them out.

The program allocates (malloc, calloc, aligned_alloc, realloc, C++ new and
new[], GC_malloc), builds linked structures, loops, calls generated functions
(some noinline, some recursive with a bounded depth), frees, and lets pointers
escape through globals, returns, out-parameters and an unknown call (a
noinline function behind a volatile function pointer). It prints one
checksum of the values it read, never a pointer value.

The program is free of undefined behaviour without the plugin. The generator
keeps a model of what every pointer variable may point to:
  - a *group* is a set of objects that live and die together (union-find);
    storing a pointer of one group into another merges them;
  - a group reachable from a global, a sink, or another function's parameter
    is never freed (it is `shared`, or its `birth` is -1);
  - only the *owner* variable of a group frees it, and freeing kills every
    variable of the group;
  - owning links (`next`, `data`) only ever receive a fresh object, so they
    form trees and free_list never frees twice;
  - a loop body is regenerated until the state after one iteration is the
    state it assumed at its start (a fixed point), so the second iteration
    never relies on something the first one broke.
Every function declares its effects on its parameters (may share, may free,
may mix parameter groups) before its body is generated, and callers apply the
declared effects; this is also what makes recursion safe.
"""
import argparse
import copy
import random
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import families  # noqa: E402

K_MALLOC, K_NEW, K_GC = 0, 1, 2
NODE_SIZE = 40  # sizeof(struct node) on x86-64
MAX_COST = 40000  # statements executed by one call of a function, roughly
BIG_LEN = 9000  # 72,000 bytes: over the default max-size


class Var:
    def __init__(self, name, kind, gid, nonnull, owner=False, blen=0,
                 akind=None, stack=False):
        self.name = name
        self.kind = kind  # 'node' or 'buf'
        self.gid = gid
        self.nonnull = nonnull
        self.owner = owner  # may free the group's tree
        self.blen = blen  # buf: minimum length in u64s
        self.akind = akind  # how the object it owns was allocated
        self.stack = stack  # a struct node on the stack: use &name

    def expr(self):
        return "(&%s)" % self.name if self.stack else self.name

    def deref(self):
        return "%s." % self.name if self.stack else "%s->" % self.name


def new_attrs(birth, shared=False, noshare=False, ptag=frozenset()):
    return {"shared": shared, "birth": birth, "dead": False,
            "haspeer": False, "noshare": noshare, "ptag": ptag}


def combine(a, b):
    return {"shared": a["shared"] or b["shared"],
            "birth": min(a["birth"], b["birth"]),
            "dead": a["dead"] or b["dead"],
            "haspeer": a["haspeer"] or b["haspeer"],
            "noshare": a["noshare"] or b["noshare"],
            "ptag": a["ptag"] | b["ptag"]}


class State:
    """What the generator knows at one program point."""

    def __init__(self):
        self.parent = {}
        self.attrs = {}
        self.vars = {}  # name -> Var, in declaration order

    def find(self, g):
        while self.parent[g] != g:
            self.parent[g] = self.parent[self.parent[g]]
            g = self.parent[g]
        return g

    def add_group(self, gid, attrs):
        self.parent[gid] = gid
        self.attrs[gid] = attrs

    def a(self, g):
        return self.attrs[self.find(g)]

    def union(self, x, y):
        rx, ry = self.find(x), self.find(y)
        if rx == ry:
            return rx
        self.parent[ry] = rx
        self.attrs[rx] = combine(self.attrs[rx], self.attrs.pop(ry))
        return rx

    def alive(self, v):
        return not self.a(v.gid)["dead"]

    def live_vars(self, kind=None):
        return [v for v in self.vars.values()
                if self.alive(v) and (kind is None or v.kind == kind)]


class Func:
    def __init__(self, name, idx):
        self.name = name
        self.idx = idx
        self.params = []  # list of dicts: kind, share, free, blen, akind
        self.ret = "u64"  # 'u64', 'node' (fresh), 'buf' (fresh), ('param', i)
        self.ret_blen = 0
        self.ret_akind = K_MALLOC
        self.out = False  # last parameter: struct node **out (fresh)
        self.mixes = False
        self.recursive = False
        self.noinline = False
        self.cost = 1
        self.selfcalled = False


class Gen:
    def __init__(self, seed, mode, family=None):
        self.r = random.Random(seed)
        # Fragments draw from a stream of their own: the ordinary part of
        # a seed's program is the same with and without them.
        fr = random.Random(seed * 1000003 + 18)
        if family == "none" or (mode == "gc" and not family):
            self.frags = families.Fragments()
        else:
            self.frags = families.choose(fr, family, mode == "cxx")
        self.seed = seed
        self.mode = mode
        self.cxx = mode == "cxx"
        self.gc = mode == "gc"
        self.next_gid = 0
        self.next_var = 0
        self.funcs = []
        self.out = []

    # ---- helpers ------------------------------------------------------
    def chance(self, p):
        return self.r.random() < p

    def gid(self):
        self.next_gid += 1
        return self.next_gid

    def vname(self, prefix):
        self.next_var += 1
        return "%s%d" % (prefix, self.next_var)

    def const(self):
        return "%dULL" % self.r.choice(
            [0, 1, 2, 3, 7, 13, 255, 1000, 65535, 123456789,
             self.r.randrange(1 << 32)])

    def value(self, st, ctx):
        """A u64 expression with no side effects and no undefined reads."""
        c = self.r.randrange(6)
        if c == 0:
            return self.const()
        if c == 1:
            return "(x * %s + %s)" % (self.const(), self.const())
        if c == 2:
            return "(acc ^ %s)" % self.const()
        if c == 3:
            return "((u64)depth + %s)" % self.const()
        nodes = [v for v in st.live_vars("node") if v.nonnull]
        bufs = [v for v in st.live_vars("buf") if v.nonnull]
        if c == 4 and nodes:
            v = self.r.choice(nodes)
            return "(%sval + %s)" % (v.deref(), self.const())
        if c == 5 and bufs:
            v = self.r.choice(bufs)
            return "%s[%d]" % (v.name, self.r.randrange(v.blen))
        return "(x + %s)" % self.const()

    def cond(self, st, ctx):
        c = self.r.randrange(4)
        if c == 0:
            return "((x + %s) %% %d == 0)" % (self.const(), self.r.randrange(2, 5))
        if c == 1:
            return "(acc & %d)" % (1 << self.r.randrange(4))
        if c == 2:
            return "(depth & 1)"
        nodes = st.live_vars("node")
        if nodes:
            v = self.r.choice(nodes)
            if v.nonnull:
                return "(%sval %% 3 == 1)" % v.deref()
            return "(%s != NULL)" % v.expr()
        return "(x & 1)"

    def emit(self, ind, line):
        self.out.append("  " * ind + line)

    # ---- allocation ---------------------------------------------------
    def alloc_kinds(self):
        ks = ["malloc", "malloc", "calloc", "aligned_alloc"]
        if self.cxx:
            ks += ["new", "new", "new0"]
        if self.gc:
            ks += ["gc", "gc", "gc_atomic"]
        return ks

    def alloc_node_expr(self, how):
        if how == "malloc":
            return "(struct node *)malloc(sizeof(struct node))", K_MALLOC, False
        if how == "calloc":
            return "(struct node *)calloc(1, sizeof(struct node))", K_MALLOC, True
        if how == "aligned_alloc":
            return "(struct node *)aligned_alloc(16, 48)", K_MALLOC, False
        if how == "new":
            return "new node", K_NEW, False
        if how == "new0":
            return "new node()", K_NEW, True
        return "(struct node *)GC_malloc(sizeof(struct node))", K_GC, True

    def alloc_buf_expr(self, how, n):
        if how == "malloc":
            return "(u64 *)malloc(%s * sizeof(u64))" % n, K_MALLOC, False
        if how == "calloc":
            return "(u64 *)calloc(%s, sizeof(u64))" % n, K_MALLOC, True
        if how == "aligned_alloc":
            return "(u64 *)aligned_alloc(16, ((%s * sizeof(u64)) + 15) & ~(size_t)15)" % n, K_MALLOC, False
        if how == "new":
            return "new u64[%s]" % n, K_NEW, False
        if how == "new0":
            return "new u64[%s]()" % n, K_NEW, True
        if how == "gc_atomic":
            return "(u64 *)GC_malloc_atomic(%s * sizeof(u64))" % n, K_GC, False
        return "(u64 *)GC_malloc(%s * sizeof(u64))" % n, K_GC, True

    def stmt_alloc_node(self, st, ind, ld):
        how = self.r.choice(self.alloc_kinds())
        if how == "gc_atomic":
            how = "gc"
        e, k, zeroed = self.alloc_node_expr(how)
        name = self.vname("n")
        g = self.gid()
        st.add_group(g, new_attrs(ld))
        self.emit(ind, "struct node *%s = %s;" % (name, e))
        if not zeroed or self.chance(0.5):
            self.emit(ind, "%s->next = NULL; %s->data = NULL; %s->peer = NULL; %s->dkind = 0;"
                      % (name, name, name, name))
        self.emit(ind, "%s->val = %s; %s->kind = %d;" % (name, self.value(st, None), name, k))
        st.vars[name] = Var(name, "node", g, True, owner=True, akind=k)
        return name

    def buf_len(self, ld):
        c = self.r.randrange(10)
        if c == 0 and ld == 0 and self.chance(0.3):
            return str(BIG_LEN), BIG_LEN
        if c == 1:
            return "(size_t)((x & 3) + 4)", 4
        if c == 2:
            return "(size_t)(%d + (acc & 1))" % 2, 2
        n = self.r.choice([1, 2, 2, 3, 4, 4, 8, 16, 33, 100])
        return str(n), n

    def stmt_alloc_buf(self, st, ind, ld, minlen=1):
        how = self.r.choice(self.alloc_kinds())
        while True:
            nexpr, n = self.buf_len(ld)
            if n >= minlen:
                break
        e, k, zeroed = self.alloc_buf_expr(how, nexpr)
        name = self.vname("b")
        g = self.gid()
        st.add_group(g, new_attrs(ld))
        self.emit(ind, "u64 *%s = %s;" % (name, e))
        if not zeroed or self.chance(0.3):
            lim = min(n, 64)
            self.emit(ind, "for (int i = 0; i < %d; i++) %s[i] = %s + (u64)i;"
                      % (lim, name, self.value(st, None)))
            if n > lim:
                self.emit(ind, "memset(%s + %d, 0, %d * sizeof(u64));" % (name, lim, n - lim))
        st.vars[name] = Var(name, "buf", g, True, owner=True, blen=n, akind=k)
        return name

    def stmt_stack_node(self, st, ind, ld):
        name = self.vname("s")
        g = self.gid()
        st.add_group(g, new_attrs(ld))
        self.emit(ind, "struct node %s = {0};" % name)
        self.emit(ind, "%s.val = %s;" % (name, self.value(st, None)))
        st.vars[name] = Var(name, "node", g, True, stack=True)

    # ---- permissions --------------------------------------------------
    def can_merge(self, st, fn, x, y):
        a, b = st.a(x), st.a(y)
        if st.find(x) == st.find(y):
            return True
        m = combine(a, b)
        if m["dead"]:
            return False
        if m["shared"] and m["noshare"]:
            return False
        if len(m["ptag"]) > 1 and not fn.mixes:
            return False
        return True

    def can_share(self, st, v):
        a = st.a(v.gid)
        return not a["noshare"] and not v.stack

    def has_stack(self, st, g):
        r = st.find(g)
        return any(v.stack and st.find(v.gid) == r for v in st.vars.values())

    def freeable(self, st, v, ld):
        a = st.a(v.gid)
        return (v.owner and not v.stack and not a["shared"] and not a["dead"]
                and a["birth"] == ld and a["birth"] >= 0)

    def kill(self, st, v):
        st.a(v.gid)["dead"] = True

    def fresh_root(self, st, v, ld):
        """v owns a group of its own that nothing else refers to: it may be
        linked into an owning field."""
        if not v.owner or v.stack or not v.nonnull:
            return False
        r = st.find(v.gid)
        a = st.attrs[r]
        if a["shared"] or a["dead"] or a["haspeer"] or a["ptag"] or a["birth"] < ld:
            return False
        return sum(1 for w in st.vars.values() if st.find(w.gid) == r) == 1

    # ---- statements ---------------------------------------------------
    def stmt(self, st, fn, ind, ld, ctx):
        """One random statement; returns the cost it adds."""
        if self.chance(0.12):
            return self.stmt_scratch(st, fn, ind, ld, ctx)
        nodes = st.live_vars("node")
        bufs = st.live_vars("buf")
        c = self.r.randrange(100)
        if c < 10:
            self.stmt_alloc_node(st, ind, ld)
            return 1
        if c < 17:
            b = self.stmt_alloc_buf(st, ind, ld)
            return 200 if st.vars[b].blen >= BIG_LEN else 1
        if c < 20:
            self.stmt_stack_node(st, ind, ld)
            return 1
        if c < 30 and (nodes or bufs):  # write a value
            v = self.r.choice(nodes + bufs)
            if v.kind == "node":
                s = "%sval += %s;" % (v.deref(), self.value(st, ctx))
            else:
                s = "%s[%d] = %s;" % (v.name, self.r.randrange(v.blen), self.value(st, ctx))
            self.guarded(v, ind, s)
            return 1
        if c < 42 and (nodes or bufs):  # read into the checksum
            v = self.r.choice(nodes + bufs)
            if v.kind == "node":
                s = self.r.choice([
                    "acc = acc * 31 + %sval;" % v.deref(),
                    "if (%snext) acc += %snext->val;" % (v.deref(), v.deref()),
                    "if (%speer) acc ^= %speer->val;" % (v.deref(), v.deref()),
                    "if (%sdata) acc += %sdata[1];" % (v.deref(), v.deref()),
                    "acc += sum_list(%s);" % v.expr(),
                ])
            else:
                s = "acc = acc * 7 + %s[%d];" % (v.name, self.r.randrange(v.blen))
            if s.startswith("acc += sum_list"):
                self.emit(ind, s)
            else:
                self.guarded(v, ind, s)
            return 1
        if c < 48 and nodes:  # owning store of a fresh object
            n = self.r.choice(nodes)
            cands = [w for w in st.live_vars() if w is not n and self.fresh_root(st, w, ld)
                     and (w.kind == "node" or w.blen >= 2)
                     and self.can_merge(st, fn, n.gid, w.gid)]
            if cands:
                w = self.r.choice(cands)
                if w.kind == "node":
                    s = "%snext = %s;" % (n.deref(), w.name)
                else:
                    s = "%sdata = %s; %sdkind = %d;" % (n.deref(), w.name, n.deref(), w.akind)
                self.guarded(n, ind, s)
                st.union(n.gid, w.gid)
                w.owner = False
                return 1
        if c < 53 and nodes:  # push onto a list head
            heads = [h for h in nodes if h.owner and not h.stack]
            if heads:
                h = self.r.choice(heads)
                n = self.stmt_alloc_node(st, ind, ld)
                nv = st.vars[n]
                if self.can_merge(st, fn, h.gid, nv.gid):
                    self.emit(ind, "%s->next = %s; %s = %s;" % (n, h.name, h.name, n))
                    st.union(h.gid, nv.gid)
                    nv.owner = False
                    h.nonnull = True
                    h.akind = nv.akind
                return 2
        if c < 57 and len(nodes) >= 2:  # non-owning peer link
            a, b = self.r.sample(nodes, 2)
            if not b.stack and self.can_merge(st, fn, a.gid, b.gid):
                self.guarded(a, ind, "%speer = %s;" % (a.deref(), b.expr()))
                st.union(a.gid, b.gid)
                st.a(a.gid)["haspeer"] = True
                return 1
        if c < 61 and nodes:  # truncate a list
            n = self.r.choice(nodes)
            self.guarded(n, ind, "%s%s = NULL;" % (n.deref(), self.r.choice(["next", "peer"])))
            return 1
        if c < 67 and nodes:  # borrow through a field
            n = self.r.choice(nodes)
            f = self.r.choice(["next", "peer", "data"])
            name = self.vname("q" if f != "data" else "d")
            t = "u64 *" if f == "data" else "struct node *"
            if n.nonnull:
                self.emit(ind, "%s%s = %s%s;" % (t, name, n.deref(), f))
            else:
                self.emit(ind, "%s%s = %s ? %s->%s : NULL;" % (t, name, n.name, n.name, f))
            st.vars[name] = Var(name, "buf" if f == "data" else "node", n.gid, False, blen=2)
            return 1
        if c < 70 and len(nodes) >= 2:  # select
            a, b = self.r.sample(nodes, 2)
            if not a.stack and not b.stack and self.can_merge(st, fn, a.gid, b.gid):
                name = self.vname("q")
                self.emit(ind, "struct node *%s = %s ? %s : %s;" % (name, self.cond(st, ctx), a.expr(), b.expr()))
                st.union(a.gid, b.gid)
                st.vars[name] = Var(name, "node", a.gid, a.nonnull and b.nonnull)
                return 1
        if c < 73 and nodes:  # copy a heap node into a stack node
            n = self.r.choice([v for v in nodes if v.nonnull and not v.stack] or [None])
            if n is not None:
                name = self.vname("s")
                self.emit(ind, "struct node %s = *%s;" % (name, n.name))
                st.vars[name] = Var(name, "node", n.gid, True, stack=True)
                return 1
        if c < 75 and len(bufs) >= 2:  # memcpy between buffers
            a, b = self.r.sample(bufs, 2)
            k = min(a.blen, b.blen)
            if a.nonnull and b.nonnull and st.find(a.gid) != st.find(b.gid):
                self.emit(ind, "memcpy(%s, %s, %d * sizeof(u64));" % (a.name, b.name, k))
                return 1
        if c < 80:  # free
            cands = [v for v in st.live_vars() if self.freeable(st, v, ld)]
            pairs = [(a, b) for a in cands for b in cands
                     if a.name < b.name and a.kind == b.kind and st.find(a.gid) != st.find(b.gid)
                     and (a.kind == "node" or (a.akind == b.akind == K_MALLOC))]
            if pairs and self.chance(0.3):
                # free(c ? p : q): a free that may receive either object
                a, b = self.r.choice(pairs)
                sel = "%s ? %s : %s" % (self.cond(st, ctx), a.name, b.name)
                if a.kind == "node":
                    self.emit(ind, "{ struct node *t = %s; if (t) free_node(t); }" % sel)
                else:
                    self.emit(ind, "free(%s);" % sel)
                self.kill(st, a)
                self.kill(st, b)
                return 1
            if cands:
                v = self.r.choice(cands)
                self.emit_free(st, v, ind)
                return 1
        if c < 83:  # escape to a global
            cands = [v for v in st.live_vars() if self.can_share(st, v)
                     and (v.kind == "node" or v.blen >= 1)]
            if cands:
                v = self.r.choice(cands)
                g = "g_node" if v.kind == "node" else "g_buf"
                if v.kind == "buf" and not v.nonnull:
                    self.emit(ind, "if (%s) %s[%d] = %s;" % (v.name, g, self.r.randrange(4), v.name))
                else:
                    self.emit(ind, "%s[%d] = %s;" % (g, self.r.randrange(4), v.name))
                st.a(v.gid)["shared"] = True
                return 1
        if c < 86:  # escape to the unknown function
            cands = [v for v in st.live_vars() if self.can_share(st, v)]
            if cands:
                v = self.r.choice(cands)
                self.emit(ind, "%s(%s);" % ("sink_node" if v.kind == "node" else "sink_buf", v.name))
                st.a(v.gid)["shared"] = True
                return 2
        if c < 88:  # load from a global
            name = self.vname("q")
            self.emit(ind, "struct node *%s = g_node[%d];" % (name, self.r.randrange(4)))
            g = self.gid()
            st.add_group(g, new_attrs(-2, shared=True))
            st.vars[name] = Var(name, "node", g, False)
            return 1
        if c < 90:  # realloc
            cands = [v for v in bufs if self.freeable(st, v, ld) and v.akind == K_MALLOC
                     and v.nonnull and v.blen < 1000]
            if cands:
                v = cands[0]
                nl = v.blen + self.r.randrange(1, 9)
                self.emit(ind, "%s = (u64 *)realloc(%s, %d * sizeof(u64));" % (v.name, v.name, nl))
                self.emit(ind, "for (int i = %d; i < %d; i++) %s[i] = (u64)i * 3;" % (v.blen, nl, v.name))
                r = st.find(v.gid)
                for w in st.vars.values():
                    if w is not v and st.find(w.gid) == r:
                        w.gid = self.dead_gid(st)
                v.blen = nl
                return 1
        if c < 92:  # pop
            cands = [v for v in nodes if self.freeable(st, v, ld) and not st.a(v.gid)["haspeer"]]
            if cands:
                v = cands[0]
                t = self.vname("t")
                self.emit(ind, "if (%s) { struct node *%s = %s; %s = %s->next; free_node(%s); }"
                          % (v.name, t, v.name, v.name, v.name, t))
                r = st.find(v.gid)
                for w in st.vars.values():
                    if w is not v and st.find(w.gid) == r:
                        w.gid = self.dead_gid(st)
                v.nonnull = False
                # v now holds the next node, allocated some other way
                # perhaps: free it by its kind field (free_node).
                v.akind = None
                return 1
        if c < 93:
            self.emit(ind, "clobber();")
            return 1
        if c < 95 and nodes:  # copy a node's contents into global memory
            cands = [v for v in nodes if v.nonnull and not st.a(v.gid)["noshare"]]
            if cands:
                v = self.r.choice(cands)
                k = self.r.randrange(2)
                if self.chance(0.5):
                    self.emit(ind, "g_shadow[%d] = *%s;" % (k, v.expr()))
                else:
                    self.emit(ind, "shadow_copy(%d, %s);" % (k, v.expr()))
                st.a(v.gid)["shared"] = True
                return 1
        if c < 96:  # alignment test on the pointer value
            cands = [v for v in nodes + bufs if v.nonnull and not v.stack]
            if cands:
                v = self.r.choice(cands)
                self.emit(ind, "acc += ((uintptr_t)%s & 15) != 0;" % v.name)
                return 1
        return 0

    def stmt_scratch(self, st, fn, ind, ld, ctx):
        """A short-lived object: allocated, used, often freed at once (what
        the pass should move), sometimes linked to a local object first."""
        if self.chance(0.5):
            v = st.vars[self.stmt_alloc_node(st, ind, ld)]
            for _ in range(self.r.randrange(1, 4)):
                self.emit(ind, self.r.choice([
                    "%s->val ^= %s;" % (v.name, self.value(st, ctx)),
                    "acc = acc * 31 + %s->val;" % v.name,
                    "acc += sum_list(%s);" % v.name]))
        else:
            v = st.vars[self.stmt_alloc_buf(st, ind, ld)]
            for _ in range(self.r.randrange(1, 4)):
                i = self.r.randrange(v.blen)
                self.emit(ind, self.r.choice([
                    "%s[%d] += %s;" % (v.name, i, self.value(st, ctx)),
                    "acc = acc * 7 + %s[%d];" % (v.name, i)]))
        if self.chance(0.75):
            self.emit_free(st, v, ind)
        return 2

    def dead_gid(self, st):
        g = self.gid()
        st.add_group(g, new_attrs(-3))
        st.attrs[g]["dead"] = True
        return g

    def guarded(self, v, ind, s):
        if v.nonnull:
            self.emit(ind, s)
        else:
            self.emit(ind, "if (%s) { %s }" % (v.name, s))

    def emit_free(self, st, v, ind):
        if v.kind == "buf":
            if v.akind == K_MALLOC:
                s = "free(%s);" % v.name
            elif v.akind == K_NEW:
                s = "delete[] %s;" % v.name
            else:
                s = self.r.choice(["GC_free(%s);" % v.name, "/* collected: %s */" % v.name])
            self.emit(ind, s)
        else:
            c = self.r.randrange(3)
            if c == 0:
                self.emit(ind, "free_list(%s);" % v.name)
            elif c == 1 or v.akind is None:
                self.emit(ind, "if (%s) free_node(%s);" % (v.name, v.name) if not v.nonnull
                          else "free_node(%s);" % v.name)
            elif v.akind == K_MALLOC:
                self.emit(ind, "free(%s);" % v.name)
            elif v.akind == K_NEW:
                self.emit(ind, "delete %s;" % v.name)
            else:
                self.emit(ind, "GC_free(%s);" % v.name)
        self.kill(st, v)

    # ---- calls ----------------------------------------------------------
    def stmt_call(self, st, fn, ind, ld, mult, budget, allow_self):
        cands = [f for f in self.funcs if f.cost * mult <= budget]
        if allow_self and fn.recursive:
            cands.append(fn)
        if not cands:
            return 0
        f = self.r.choice(cands)
        selfcall = f is fn
        args = []
        used = []  # (group root, param free?) to avoid passing a freed group twice
        for i, p in enumerate(f.params):
            if p["kind"] == "u64":
                args.append(self.value(st, None))
                continue
            vs = [v for v in st.live_vars(p["kind"]) if self.arg_ok(st, fn, f, p, v, ld, used)]
            if p["kind"] == "buf":
                vs = [v for v in vs if v.blen >= p["blen"]]
            if not vs and not p["free"] and self.chance(0.8):
                args.append("NULL")
                continue
            if not vs:
                return 0
            v = self.r.choice(vs)
            args.append(v.expr())
            used.append((st.find(v.gid), p, v))
        outv = None
        if f.out:
            c = self.r.randrange(3)
            if c == 0:
                k = self.r.randrange(4)
                args.append("&g_node[%d]" % k)
                outv = "global"
            else:
                outv = self.vname("o")
                self.emit(ind, "struct node *%s = NULL;" % outv)
                args.append("&%s" % outv)
        args.append("(u64)%s" % self.value(st, None))
        args.append("depth - 1" if selfcall else str(self.r.randrange(4)))
        call = "%s(%s)" % (f.name, ", ".join(args))
        if selfcall:
            fn.selfcalled = True
        res = None
        if f.ret == "u64":
            self.emit(ind, ("if (depth > 0) acc += %s;" if selfcall else "acc += %s;") % call)
        else:
            res = self.vname("r")
            t = "u64 *" if f.ret == "buf" else "struct node *"
            if selfcall:
                self.emit(ind, "%s%s = depth > 0 ? %s : NULL;" % (t, res, call))
            else:
                self.emit(ind, "%s%s = %s;" % (t, res, call))
        # effects
        ptr_roots = []
        for root, p, v in used:
            if p["free"]:
                self.kill(st, v)
            elif p["share"]:
                st.a(v.gid)["shared"] = True
            ptr_roots.append(v.gid)
        if f.mixes and len(ptr_roots) > 1:
            for g in ptr_roots[1:]:
                st.union(ptr_roots[0], g)
        # ...and after such a call the group's contents may hold a stack
        # node's address: never copy or link them into global memory
        # (seed 42938: g_shadow[1] = s14 after f0(&s14, &s14) set
        # s14.peer = &s14).
        if f.mixes and ptr_roots and any(self.has_stack(st, g) for g in ptr_roots):
            st.a(ptr_roots[0])["noshare"] = True
        if res is not None:
            if f.ret in ("node", "buf"):
                g = self.gid()
                st.add_group(g, new_attrs(ld))
                st.vars[res] = Var(res, f.ret, g, False, owner=True,
                                   blen=f.ret_blen, akind=f.ret_akind if f.ret == "buf" else None)
            else:
                pi = f.ret[1]
                src = [v for root, p, v in used if p is f.params[pi]]
                if src:
                    st.vars[res] = Var(res, "node", src[0].gid, False)
                else:  # NULL was passed
                    st.vars[res] = Var(res, "node", self.dead_gid(st), False)
        if outv == "global":
            pass
        elif outv is not None:
            g = self.gid()
            st.add_group(g, new_attrs(ld))
            st.vars[outv] = Var(outv, "node", g, False, owner=True)
        return f.cost

    def arg_ok(self, st, fn, f, p, v, ld, used):
        a = st.a(v.gid)
        if a["dead"]:
            return False
        r = st.find(v.gid)
        if p["free"]:
            if not self.freeable(st, v, ld) or any(u[0] == r for u in used):
                return False
            if v.kind == "buf" and v.akind != p["akind"]:
                return False
        if any(u[0] == r and u[1]["free"] for u in used):
            return False
        if p["share"] and not self.can_share(st, v):
            return False
        if f.mixes and used and not all(self.can_merge(st, fn, u[2].gid, v.gid) for u in used):
            return False
        # A function that mixes its arguments may link one into another
        # (a->peer = b): a stack node must not become reachable from an
        # object of another group, which may outlive the node's scope (a
        # struct declared in a loop body, linked into an outer one and read
        # in the next iteration: seed 31408).
        if f.mixes and any((v.stack or u[2].stack) and st.find(u[2].gid) != r for u in used):
            return False
        if v.stack and f.ret == ("param", f.params.index(p)):
            return False
        # A mixing function may link a stack node of this group into any
        # node of it (a->peer = b with a and b both this group): a group
        # already reachable from globals must not receive one (seed 42938).
        if f.mixes and self.has_stack(st, v.gid) and a["shared"]:
            return False
        if v.stack and f.out:
            pass
        return True

    # ---- blocks ----------------------------------------------------------
    def block(self, st, fn, ind, ld, mult, budget, nstmts, nest):
        """Generates nstmts statements; returns the cost (per execution)."""
        before = set(st.vars)
        cost = 0
        for _ in range(nstmts):
            c = self.r.randrange(100)
            if c < 10 and nest < 3:
                cost += self.stmt_if(st, fn, ind, ld, mult, budget - cost * mult, nest)
            elif c < 20 and nest < 3:
                cost += self.stmt_loop(st, fn, ind, ld, mult, budget - cost * mult, nest)
            elif c < 32:
                cost += self.stmt_call(st, fn, ind, ld, mult, budget - cost * mult,
                                       allow_self=(ld == 0 and nest == 0 and not fn.selfcalled))
            else:
                cost += self.stmt(st, fn, ind, ld, None)
        for n in list(st.vars):
            if n not in before:
                del st.vars[n]
        return cost

    def join(self, base, a, b):
        """The state after an if/else whose branches left a and b."""
        r = copy.deepcopy(a)
        for g in b.parent:
            if g not in r.parent:
                r.add_group(g, dict(b.attrs[b.find(g)]))
        for g in b.parent:
            rb = b.find(g)
            if g == rb:
                rr = r.find(g)
                r.attrs[rr] = combine(r.attrs[rr], b.attrs[rb])
            r.union(g, rb)
        for name, va in r.vars.items():
            vb = b.vars[name]
            r.union(va.gid, vb.gid)
            va.nonnull = va.nonnull and vb.nonnull
            va.owner = va.owner and vb.owner
            if va.akind != vb.akind:
                va.akind = None
                if va.kind == "buf":
                    va.owner = False
            va.blen = min(va.blen, vb.blen)
        return r

    def stmt_if(self, st, fn, ind, ld, mult, budget, nest):
        self.emit(ind, "if (%s) {" % self.cond(st, None))
        a = copy.deepcopy(st)
        ca = self.block(a, fn, ind + 1, ld, mult, budget, self.r.randrange(1, 5), nest + 1)
        b = copy.deepcopy(st)
        if self.chance(0.6):
            self.emit(ind, "} else {")
            cb = self.block(b, fn, ind + 1, ld, mult, budget - ca * mult, self.r.randrange(1, 5), nest + 1)
        else:
            cb = 0
        self.emit(ind, "}")
        j = self.join(st, a, b)
        st.__dict__.update(j.__dict__)
        return ca + cb + 1

    def signature(self, st):
        """A comparable picture of st as seen from the variables in scope."""
        roots = {}
        sig = []
        for name, v in st.vars.items():
            r = st.find(v.gid)
            if r not in roots:
                roots[r] = len(roots)
            a = st.attrs[r]
            sig.append((name, roots[r], v.nonnull, v.owner, v.blen, v.akind,
                        a["shared"], a["birth"], a["dead"], a["haspeer"], a["noshare"], a["ptag"]))
        return sig

    def stmt_loop(self, st, fn, ind, ld, mult, budget, nest):
        if self.chance(0.5):
            trips = self.r.randrange(1, 13)
            bound = str(trips)
        else:
            trips = 8
            bound = "(int)(x & 7)"
        if trips * mult * 2 > budget:
            return 0
        iv = "i%d" % (ld + 1)
        mark = len(self.out)
        gid_mark = self.next_gid
        start = copy.deepcopy(st)
        for attempt in range(4):
            del self.out[mark:]
            self.emit(ind, "for (int %s = 0; %s < %s; %s++) {" % (iv, iv, bound, iv))
            body = copy.deepcopy(start)
            nst = self.r.randrange(1, 6) if attempt < 3 else 0
            c = self.block(body, fn, ind + 1, ld + 1, mult * trips, budget, nst, nest + 1)
            if ld + 1 >= 1:
                self.emit(ind + 1, "acc += (u64)%s;" % iv)
            self.emit(ind, "}")
            after = self.join(start, start, body)
            if self.signature(after) == self.signature(start):
                st.__dict__.update(after.__dict__)
                return c * trips + 1
            start = after
        raise AssertionError("loop body with no statements changed the state")

    # ---- functions -------------------------------------------------------
    def declare(self, idx):
        f = Func("f%d" % idx, idx)
        f.noinline = self.chance(0.4)
        f.recursive = self.chance(0.25)
        f.mixes = self.chance(0.3)
        for _ in range(self.r.randrange(0, 4)):
            kind = self.r.choice(["node", "node", "buf", "u64"])
            p = {"kind": kind, "share": False, "free": False, "blen": 0, "akind": None}
            if kind == "buf":
                p["blen"] = self.r.choice([1, 2, 4])
            if kind != "u64":
                c = self.r.randrange(10)
                if c < 2:
                    p["share"] = True
                elif c < 3:
                    p["free"] = True
                    if kind == "buf":
                        p["akind"] = self.r.choice([K_MALLOC] + ([K_NEW] if self.cxx else []) +
                                                   ([K_GC] if self.gc else []))
            f.params.append(p)
        c = self.r.randrange(10)
        if c < 5:
            f.ret = "u64"
        elif c < 7:
            f.ret = "node"
        elif c < 8:
            f.ret = "buf"
            f.ret_blen = self.r.choice([1, 2, 4])
            f.ret_akind = self.r.choice([K_MALLOC] + ([K_NEW] if self.cxx else []) +
                                        ([K_GC] if self.gc else []))
        else:
            ps = [i for i, p in enumerate(f.params) if p["kind"] == "node" and not p["free"]]
            f.ret = ("param", self.r.choice(ps)) if ps else "u64"
        f.out = self.chance(0.2)
        return f

    def ctype(self, f):
        if f.ret == "u64":
            return "u64 "
        if f.ret == "buf":
            return "u64 *"
        return "struct node *"

    def params_c(self, f):
        ps = []
        for i, p in enumerate(f.params):
            t = {"node": "struct node *", "buf": "u64 *", "u64": "u64 "}[p["kind"]]
            ps.append("%sp%d" % (t, i))
        if f.out:
            ps.append("struct node **out")
        ps.append("u64 x")
        ps.append("int depth")
        return ", ".join(ps)

    def proto(self, f):
        attrs = "__attribute__((noinline)) " if f.noinline else ""
        return "%sstatic %s%s(%s)" % (attrs, self.ctype(f), f.name, self.params_c(f))

    def define(self, f, is_main=False):
        st = State()
        for i, p in enumerate(f.params):
            if p["kind"] == "u64":
                continue
            g = self.gid()
            birth = 0 if p["free"] else -1
            st.add_group(g, new_attrs(birth, noshare=not p["share"], ptag=frozenset([i])))
            st.vars["p%d" % i] = Var("p%d" % i, p["kind"], g, False, owner=p["free"],
                                     blen=p["blen"], akind=p["akind"])
        if is_main:
            self.emit(0, "int main(void) {")
            if self.gc:
                self.emit(1, "GC_INIT();")
                self.emit(1, "GC_disable();")
            self.emit(1, "u64 x = %s;" % self.const())
            self.emit(1, "int depth = 3;")
        else:
            self.emit(0, self.proto(f) + " {")
        self.emit(1, "u64 acc = %s;" % self.const())
        for i, p in enumerate(f.params):
            if p["kind"] == "u64":
                self.emit(1, "acc ^= p%d;" % i)
        body_cost = self.block(st, f, 1, 0, 1, MAX_COST, self.r.randrange(4, 14), 0)
        if is_main:
            # make sure the top function runs at least once
            for g in self.funcs[-3:]:
                body_cost += self.stmt_call(st, f, 1, 0, 1, 10 * MAX_COST, False)
            for c in self.frags.calls:
                self.emit(1, "ck(%s);" % c)
            self.emit(1, "drain();")
            self.emit(1, 'printf("%016llx %016llx\\n", acc, ck_state);')
            self.emit(1, "return 0;")
            self.emit(0, "}")
            return
        if f.out:
            cands = [v for v in st.live_vars("node") if self.fresh_root(st, v, 0)
                     and st.a(v.gid)["birth"] == 0]
            self.emit(1, "*out = %s;" % (self.r.choice(cands).name if cands else "NULL"))
            for v in cands:
                pass
        if f.ret == "u64":
            self.emit(1, "return acc;")
        elif f.ret in ("node", "buf"):
            cands = [v for v in st.live_vars(f.ret) if v.owner and not v.stack
                     and not st.a(v.gid)["shared"] and st.a(v.gid)["birth"] == 0
                     and not st.a(v.gid)["ptag"]
                     and (f.ret == "node" or (v.blen >= f.ret_blen and v.akind == f.ret_akind))]
            if f.out:  # the out object must stay distinct from the result
                last = self.out[-1]
                cands = [v for v in cands if ("= %s;" % v.name) not in last]
            if cands:
                self.emit(1, "ck(acc);")
                self.emit(1, "return %s;" % self.r.choice(cands).name)
            else:
                self.emit(1, "ck(acc);")
                self.emit(1, "return NULL;")
        else:
            i = f.ret[1]
            self.emit(1, "ck(acc);")
            self.emit(1, "return %s;" % self.r.choice(["p%d" % i, "(p%d ? p%d->next : NULL)" % (i, i)]))
        self.emit(0, "}")
        recur = 4 if f.recursive else 1
        f.cost = max(1, body_cost) * recur

    def program(self):
        n = self.r.randrange(2, 9)
        decls = []
        for i in range(n):
            f = self.declare(i)
            decls.append(f)
        body = []
        for f in decls:
            self.out = []
            self.define(f)
            body += self.out + [""]
            self.funcs.append(f)
        self.out = []
        self.define(Func("main", n), is_main=True)
        body += self.out
        head = [PRELUDE_C_TOP]
        if self.gc:
            head.append("#include <gc.h>")
        head.append(PRELUDE.replace("@delete_buf@", "else if (k == K_NEW) delete[] b;" if self.cxx else "")
                    .replace("@delete_node@", "else if (n->kind == K_NEW) delete n;" if self.cxx else ""))
        for inc in sorted(self.frags.includes - {"stdint.h", "stdio.h", "stdlib.h", "string.h"}):
            head.insert(1, "#include <%s>" % inc)
        head.append("/* seed %d mode %s */" % (self.seed, self.mode))
        if self.frags.names:
            head.append("/* fragments: %s */" % " ".join(self.frags.names))
        if self.frags.options:
            head.append("/* h2s-options: %s */" % ";".join(self.frags.options))
        if self.frags.cflags:
            head.append("/* h2s-cflags: %s */" % " ".join(sorted(self.frags.cflags)))
        if self.frags.tu2:
            head.append("/* h2s-tus: 2 */")
            head.append("/* h2s-lto: %s */" % self.frags.lto)
            head.append("#if H2S_TU != 2")
            body += ["#else"] + self.frags.tu2 + ["#endif"]
        protos = [self.proto(f) + ";" for f in decls]
        return "\n".join(head + protos + self.frags.decls + [""] + body) + "\n"


PRELUDE_C_TOP = """#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>"""

PRELUDE = r"""
typedef unsigned long long u64;
struct node { u64 val; struct node *next; u64 *data; struct node *peer; int kind, dkind; };
enum { K_MALLOC = 0, K_NEW = 1, K_GC = 2 };
static u64 ck_state = 1469598103934665603ULL;
static void ck(u64 v) { ck_state = (ck_state ^ v) * 1099511628211ULL; }
static struct node *g_node[4];
static u64 *g_buf[4];
static struct node g_shadow[2];
/* copies the contents (the pointers) of n, not n itself */
__attribute__((noinline)) static void shadow_copy(int k, const struct node *n) { g_shadow[k] = *n; }
static struct node *sunk_nodes[16];
static u64 *sunk_bufs[16];
static unsigned sunk_nn, sunk_bn;
__attribute__((noinline)) static void sink_node_impl(struct node *n) {
  if (n) ck(n->val);
  sunk_nodes[sunk_nn++ % 16] = n;
}
__attribute__((noinline)) static void sink_buf_impl(u64 *b) {
  if (b) ck(b[0]);
  sunk_bufs[sunk_bn++ % 16] = b;
}
/* unknown calls: the optimiser cannot see through a volatile pointer */
static void (*volatile sink_node)(struct node *) = sink_node_impl;
static void (*volatile sink_buf)(u64 *) = sink_buf_impl;
__attribute__((noinline)) static void clobber_impl(void) {
  volatile unsigned char pad[2048];
  for (int i = 0; i < 2048; i++) pad[i] = (unsigned char)(i * 131 + 7);
}
static void (*volatile clobber)(void) = clobber_impl;
static void free_buf(u64 *b, int k) { if (k == K_MALLOC) free(b); @delete_buf@ }
static void free_node(struct node *n) {
  if (n->data) free_buf(n->data, n->dkind);
  if (n->kind == K_MALLOC) free(n); @delete_node@
}
static void free_list(struct node *n) {
  for (int k = 0; n && k < 1000000; k++) { struct node *nx = n->next; free_node(n); n = nx; }
}
static u64 sum_list(const struct node *n) {
  u64 s = 0;
  for (int k = 0; n && k < 64; k++, n = n->next) s = s * 31 + n->val;
  return s;
}
static void drain_node(const struct node *n) {
  ck(sum_list(n));
  for (int k = 0; n && k < 64; k++, n = n->next) {
    if (n->data) ck(n->data[0] + n->data[1]);
    if (n->peer) ck(n->peer->val);
  }
}
static void drain(void) {
  for (int i = 0; i < 4; i++) { drain_node(g_node[i]); if (g_buf[i]) ck(g_buf[i][0]); }
  for (int i = 0; i < 2; i++) drain_node(&g_shadow[i]);
  for (int i = 0; i < 16; i++) {
    drain_node(sunk_nodes[i]);
    if (sunk_bufs[i]) ck(sunk_bufs[i][0]);
  }
}
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--mode", choices=["c", "cxx", "gc", "auto"], default="auto",
                    help="auto: chosen by the seed (c, c, cxx, gc for seed %% 4 = 0..3)")
    ap.add_argument("--family", choices=sorted(families.FAMILIES) + ["none"],
                    help="fragments of this family in every program (forces mode c, "
                    "cxx for the cxx family), "
                    "or none at all")
    ap.add_argument("-o", "--output")
    args = ap.parse_args()
    mode = args.mode
    if mode == "auto":
        mode = ["c", "c", "cxx", "gc"][args.seed % 4]
        if args.family and args.family != "none":
            mode = "cxx" if args.family == "cxx" else "c"
    text = Gen(args.seed, mode, args.family).program()
    if args.output:
        with open(args.output, "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
