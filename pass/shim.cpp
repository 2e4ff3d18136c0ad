//===- shim.cpp - heap2stack's plugin shim ---------------------------------===//
//
// The only C++ in heap2stack. It registers the pass with the new pass
// manager (pipeline names at module, CGSCC and function level; clang's -O1+
// pipelines after inlining), parses options, hands modules and functions to
// the C core, and exposes what LLVM-C lacks: cycle info, optimization
// remarks, phi predecessor removal. No analysis logic lives here.
//
//===----------------------------------------------------------------------===//

#include "llvm/Analysis/CGSCCPassManager.h"
#include "llvm/Analysis/CaptureTracking.h"
#include "llvm/Analysis/InlineCost.h"
#include "llvm/Analysis/CycleAnalysis.h"
#include "llvm/Analysis/LazyCallGraph.h"
#include "llvm/Analysis/MemoryBuiltins.h"
#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Plugins/PassPlugin.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Transforms/InstCombine/InstCombine.h"
#include "llvm/Transforms/Scalar/EarlyCSE.h"
#include "llvm/Transforms/Scalar/SROA.h"
#include "llvm/Transforms/Scalar/SimplifyCFG.h"
#include "llvm/Transforms/Utils/Cloning.h"

#include <cstdlib>
#include <string>

extern "C" {
#include "h2s.h"
}

using namespace llvm;

static cl::opt<std::string> H2SOptions(
    "heap2stack-options",
    cl::desc("heap2stack options for the automatic pipeline, as in pipeline "
             "text: 'max-size=N'"),
    cl::init(""));

// Per-run services for the C core. Lives on the stack of one pass run.
struct h2s_host {
  FunctionAnalysisManager *FAM;
  SmallVector<Function *, 4> Changed;
  // Functions into which wrappers.c inlined a wrapper: their call edges
  // changed, which the CGSCC pass reports to the call graph.
  SmallVector<Function *, 4> Inlined;
  // Preorder intervals of cycles, numbered per function on first use and
  // forgotten at the start of each SCC (analyses may be recomputed between
  // SCCs, and a new cycle may reuse a freed one's address).
  DenseMap<const CycleInfo::CycleT *, std::pair<uint32_t, uint32_t>> Scopes;
  // Fingerprints of bodies (h2s_host_fingerprint) for the whole run: only
  // this run changes bodies meanwhile, and it says so (h2s_host_changed).
  DenseMap<const Function *, uint64_t> Stamps;
};

extern "C" int h2s_host_cycle_depth(h2s_host *H, LLVMBasicBlockRef BBRef) {
  BasicBlock *BB = unwrap(BBRef);
  auto &CI = H->FAM->getResult<CycleAnalysis>(*BB->getParent());
  return (int)CI.getCycleDepth(BB);
}

extern "C" int h2s_host_cycle_entry(h2s_host *H, LLVMBasicBlockRef BBRef) {
  BasicBlock *BB = unwrap(BBRef);
  auto &CI = H->FAM->getResult<CycleAnalysis>(*BB->getParent());
  const auto *C = CI.getCycle(BB);
  return C && C->isEntry(BB);
}

extern "C" void h2s_host_begin(h2s_host *H) { H->Scopes.clear(); }

extern "C" void h2s_host_reanalyse(h2s_host *H, LLVMValueRef Fn) {
  // growinline.c inlined helpers before analysing Fn again: its cycles
  // (and every other cached result) describe the old body.
  Function &F = *unwrap<Function>(Fn);
  H->FAM->invalidate(F, PreservedAnalyses::none());
  H->Stamps.erase(&F);
}

extern "C" int h2s_host_exact_definition(LLVMValueRef Fn) {
  return unwrap<Function>(Fn)->hasExactDefinition();
}

extern "C" int h2s_host_interposable(LLVMValueRef GV) {
  return unwrap<GlobalValue>(GV)->isInterposable();
}

static void numberCycles(h2s_host *H, const CycleInfo &CI) {
  uint32_t N = 1;
  SmallVector<std::pair<const CycleInfo::CycleT *, bool>, 16> Stack;
  for (const auto *C : CI.toplevel_cycles())
    Stack.push_back({C, false});
  while (!Stack.empty()) {
    auto [C, Done] = Stack.pop_back_val();
    if (Done) {
      H->Scopes[C].second = N - 1;
      continue;
    }
    H->Scopes[C] = {N++, 0};
    Stack.push_back({C, true});
    for (const auto *Child : C->children())
      Stack.push_back({Child, false});
  }
}

extern "C" void h2s_host_cycle_scope(h2s_host *H, LLVMBasicBlockRef BBRef,
                                     int OuterOfEntry, uint32_t *Lo,
                                     uint32_t *Hi) {
  BasicBlock *BB = unwrap(BBRef);
  auto &CI = H->FAM->getResult<CycleAnalysis>(*BB->getParent());
  const auto *C = CI.getCycle(BB);
  if (C && OuterOfEntry && C->isEntry(BB))
    C = C->getParentCycle();
  if (!C) {
    *Lo = 0;
    *Hi = UINT32_MAX;
    return;
  }
  auto It = H->Scopes.find(C);
  if (It == H->Scopes.end()) {
    numberCycles(H, CI);
    It = H->Scopes.find(C);
  }
  *Lo = It->second.first;
  *Hi = It->second.second;
}

extern "C" int h2s_host_remarks_enabled(h2s_host *H, LLVMValueRef Fn,
                                        enum h2s_remark_kind Kind) {
  Function &F = *unwrap<Function>(Fn);
  auto &ORE = H->FAM->getResult<OptimizationRemarkEmitterAnalysis>(F);
  return ORE.allowExtraAnalysis("heap2stack");
}

template <typename R>
static R build(R Rem, Instruction *I, const h2s_rarg *Args, size_t N) {
  for (size_t K = 0; K < N; K++) {
    const h2s_rarg &A = Args[K];
    if (A.isnum) {
      Rem << ore::NV(A.key, (long long)A.num);
      continue;
    }
    DiagnosticInfoOptimizationBase::Argument Arg(A.key, A.str ? A.str : "");
    if (A.val)
      if (auto *VI = dyn_cast<Instruction>(unwrap(A.val)))
        Arg.Loc = DiagnosticLocation(VI->getDebugLoc());
    Rem << Arg;
  }
  return Rem;
}

extern "C" void h2s_host_remark(h2s_host *H, enum h2s_remark_kind Kind,
                                const char *Name, LLVMValueRef At,
                                const h2s_rarg *Args, size_t N) {
  if (auto *F = dyn_cast<Function>(unwrap(At))) {
    // About the function itself (parameter summaries): at its subprogram.
    auto &ORE = H->FAM->getResult<OptimizationRemarkEmitterAnalysis>(*F);
    ORE.emit([&] {
      return build(OptimizationRemarkAnalysis("heap2stack", Name,
                                              DiagnosticLocation(F->getSubprogram()),
                                              &F->getEntryBlock()),
                   nullptr, Args, N);
    });
    return;
  }
  auto *I = unwrap<Instruction>(At);
  auto &ORE =
      H->FAM->getResult<OptimizationRemarkEmitterAnalysis>(*I->getFunction());
  switch (Kind) {
  case H2S_PASSED:
    ORE.emit([&] {
      return build(OptimizationRemark("heap2stack", Name, I), I, Args, N);
    });
    break;
  case H2S_MISSED:
    ORE.emit([&] {
      return build(OptimizationRemarkMissed("heap2stack", Name, I), I, Args, N);
    });
    break;
  case H2S_ANALYSIS:
    ORE.emit([&] {
      return build(OptimizationRemarkAnalysis("heap2stack", Name, I), I, Args,
                   N);
    });
    break;
  }
}

extern "C" void h2s_host_remove_pred(LLVMBasicBlockRef Dest,
                                     LLVMBasicBlockRef Pred) {
  unwrap(Dest)->removePredecessor(unwrap(Pred));
}

extern "C" enum h2s_libfunc h2s_host_libfunc(h2s_host *H, LLVMValueRef Call) {
  auto *CB = dyn_cast<CallBase>(unwrap(Call));
  Function *Callee = CB ? CB->getCalledFunction() : nullptr;
  if (!Callee)
    return H2S_LIB_NONE;
  auto &TLI = H->FAM->getResult<TargetLibraryAnalysis>(*CB->getFunction());
  LibFunc LF;
  if (!TLI.getLibFunc(*Callee, LF) || !TLI.has(LF))
    return H2S_LIB_NONE;
  switch (LF) {
  case LibFunc_printf:
  case LibFunc_fprintf:
  case LibFunc_sprintf:
  case LibFunc_snprintf:
  case LibFunc_siprintf:
  case LibFunc_fiprintf:
    return H2S_LIB_PRINTF;
  case LibFunc_scanf:
  case LibFunc_fscanf:
  case LibFunc_sscanf:
    return H2S_LIB_SCANF;
  case LibFunc_qsort:
    return H2S_LIB_QSORT;
  default:
    return H2S_LIB_NONE;
  }
}

extern "C" int h2s_host_is_library(h2s_host *H, LLVMValueRef Call) {
  auto *CB = dyn_cast<CallBase>(unwrap(Call));
  Function *Callee = CB ? CB->getCalledFunction() : nullptr;
  if (!Callee)
    return 0;
  auto &TLI = H->FAM->getResult<TargetLibraryAnalysis>(*CB->getFunction());
  LibFunc LF;
  return TLI.getLibFunc(*Callee, LF) && TLI.has(LF);
}

extern "C" LLVMBasicBlockRef h2s_host_split_before(LLVMValueRef I) {
  Instruction *In = unwrap<Instruction>(I);
  return wrap(In->getParent()->splitBasicBlock(In));
}

extern "C" void h2s_host_changed(h2s_host *H, LLVMValueRef Fn) {
  H->Changed.push_back(unwrap<Function>(Fn));
  H->Stamps.erase(unwrap<Function>(Fn));
}

// heap2stack<options>, as -print-pipeline-passes shows a pass.
static void printOptions(raw_ostream &OS, const h2s_options &O) {
  char Buf[2048];
  OS << "heap2stack";
  if (h2s_options_format(&O, Buf, sizeof Buf) == 0 && Buf[0])
    OS << "<" << Buf << ">";
}

namespace {

struct Heap2StackModule : PassInfoMixin<Heap2StackModule> {
  h2s_options Opt;
  explicit Heap2StackModule(const h2s_options &O) : Opt(O) {}
  void printPipeline(raw_ostream &OS,
                     function_ref<StringRef(StringRef)> MapClassName2PassName) {
    printOptions(OS, Opt);
  }
  PreservedAnalyses run(Module &M, ModuleAnalysisManager &MAM) {
    auto &FAM =
        MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager();
    h2s_host H;
    H.FAM = &FAM;
    h2s_run_module(&H, &Opt, wrap(&M));
    return H.Changed.empty() ? PreservedAnalyses::all()
                             : PreservedAnalyses::none();
  }
  static bool isRequired() { return false; }
};

struct Heap2StackFunction : PassInfoMixin<Heap2StackFunction> {
  h2s_options Opt;
  explicit Heap2StackFunction(const h2s_options &O) : Opt(O) {}
  void printPipeline(raw_ostream &OS,
                     function_ref<StringRef(StringRef)> MapClassName2PassName) {
    printOptions(OS, Opt);
  }
  PreservedAnalyses run(Function &F, FunctionAnalysisManager &FAM) {
    h2s_host H;
    H.FAM = &FAM;
    h2s_run_function(&H, &Opt, wrap(&F));
    return H.Changed.empty() ? PreservedAnalyses::all()
                             : PreservedAnalyses::none();
  }
};

// Bottom-up over the call graph, after the inliner has run on the SCC.
struct Heap2StackCGSCC : PassInfoMixin<Heap2StackCGSCC> {
  h2s_options Opt;
  explicit Heap2StackCGSCC(const h2s_options &O) : Opt(O) {}
  void printPipeline(raw_ostream &OS,
                     function_ref<StringRef(StringRef)> MapClassName2PassName) {
    printOptions(OS, Opt);
  }
  PreservedAnalyses run(LazyCallGraph::SCC &C, CGSCCAnalysisManager &AM,
                        LazyCallGraph &CG, CGSCCUpdateResult &UR) {
    auto &FAM =
        AM.getResult<FunctionAnalysisManagerCGSCCProxy>(C, CG).getManager();
    SmallVector<LLVMValueRef, 8> Fns;
    for (LazyCallGraph::Node &N : C)
      Fns.push_back(wrap(&N.getFunction()));
    h2s_host H;
    H.FAM = &FAM;
    h2s_run_scc(&H, &Opt, Fns.data(), Fns.size());
    if (H.Changed.empty())
      return PreservedAnalyses::all();
    // Inlined wrappers (wrappers.c) and growth helpers (growinline.c)
    // removed call edges and added the callee's own; the call graph and
    // the SCC are updated as the inliner does it.
    // The SCC cannot split or merge (neither is ever in it: removing
    // an edge to it, or adding edges below it, makes or breaks no cycle);
    // a function no longer in it is skipped all the same, as the inliner
    // does.
    LazyCallGraph::SCC *CurC = &C;
    SmallPtrSet<Function *, 4> Done;
    for (Function *F : H.Inlined) {
      LazyCallGraph::Node &N = CG.get(*F);
      if (!Done.insert(F).second || CG.lookupSCC(N) != CurC)
        continue;
      CurC = &updateCGAndAnalysisManagerForCGSCCPass(CG, *CurC, N, AM, UR,
                                                     FAM);
    }
    for (Function *F : H.Changed)
      FAM.invalidate(*F, PreservedAnalyses::none());
    return PreservedAnalyses::none();
  }
};

} // namespace

// Options from pipeline text: heap2stack<max-size=4096>.
static Expected<h2s_options> parseOptions(StringRef Text) {
  h2s_options O;
  h2s_options_default(&O);
  char Err[256];
  std::string S = Text.str();
  if (h2s_options_parse(&O, S.c_str(), Err, sizeof Err) != 0)
    return createStringError(inconvertibleErrorCode(), Err);
  return O;
}

// Options for the automatic pipeline, from -mllvm -heap2stack-options=...
static h2s_options autoOptions() {
  h2s_options O;
  h2s_options_default(&O);
  char Err[256];
  if (h2s_options_parse(&O, H2SOptions.c_str(), Err, sizeof Err) != 0) {
    errs() << "error: heap2stack: -heap2stack-options: " << Err << "\n";
    std::exit(1);
  }
  return O;
}

// Does Name select our pass? With bad options, says why once and returns
// false (then PassBuilder adds its own "unknown pass" line). PassBuilder
// probes a top-level name at module, CGSCC and function level in turn with
// the same text; the thread's last report (the text's address) keeps the
// reason from being printed three times. Nothing else is kept.
static bool parseName(StringRef Name, h2s_options &O) {
  if (!PassBuilder::checkParametrizedPassName(Name, "heap2stack"))
    return false;
  auto R = PassBuilder::parsePassParameters(parseOptions, Name, "heap2stack");
  if (!R) {
    static thread_local const char *LastReported = nullptr;
    std::string Msg = toString(R.takeError());
    if (LastReported != Name.data())
      errs() << "error: heap2stack: " << Msg << "\n";
    LastReported = Name.data();
    return false;
  }
  O = *R;
  return true;
}

static void registerGuard(PassBuilder &PB);

static void registerCallbacks(PassBuilder &PB) {
  registerGuard(PB);
  if (auto *PIC = PB.getPassInstrumentationCallbacks()) {
    PIC->addClassToPassName(Heap2StackModule::name(), "heap2stack");
    PIC->addClassToPassName(Heap2StackFunction::name(), "heap2stack");
    PIC->addClassToPassName(Heap2StackCGSCC::name(), "heap2stack");
  }
  PB.registerPipelineParsingCallback(
      [](StringRef Name, ModulePassManager &MPM,
         ArrayRef<PassBuilder::PipelineElement>) {
        h2s_options O;
        if (!parseName(Name, O))
          return false;
        MPM.addPass(Heap2StackModule(O));
        return true;
      });
  PB.registerPipelineParsingCallback(
      [](StringRef Name, CGSCCPassManager &CGPM,
         ArrayRef<PassBuilder::PipelineElement>) {
        h2s_options O;
        if (!parseName(Name, O))
          return false;
        CGPM.addPass(Heap2StackCGSCC(O));
        return true;
      });
  PB.registerPipelineParsingCallback(
      [](StringRef Name, FunctionPassManager &FPM,
         ArrayRef<PassBuilder::PipelineElement>) {
        h2s_options O;
        if (!parseName(Name, O))
          return false;
        FPM.addPass(Heap2StackFunction(O));
        return true;
      });
  // After the inliner, before the SCC's function simplification (SROA,
  // EarlyCSE, GVN, InstCombine) turns the new allocas into registers.
  PB.registerCGSCCOptimizerLateEPCallback(
      [](CGSCCPassManager &CGPM, OptimizationLevel Level) {
        h2s_options O = autoOptions(); // bad options are errors at -O0 too
        if (Level == OptimizationLevel::O0)
          return;
        CGPM.addPass(Heap2StackCGSCC(O));
      });
  // Full LTO's link-time pipeline has no CGSCC extension point: run on the
  // merged module at its end, where callees from other translation units are
  // visible, and clean up after ourselves so promoted objects become
  // registers.
  PB.registerFullLinkTimeOptimizationLastEPCallback(
      [](ModulePassManager &MPM, OptimizationLevel Level) {
        h2s_options O = autoOptions();
        if (Level == OptimizationLevel::O0)
          return;
        MPM.addPass(Heap2StackModule(O));
        FunctionPassManager FPM;
        FPM.addPass(SROAPass(SROAOptions::ModifyCFG));
        FPM.addPass(EarlyCSEPass(true));
        FPM.addPass(InstCombinePass());
        FPM.addPass(SimplifyCFGPass());
        MPM.addPass(createModuleToFunctionPassAdaptor(std::move(FPM)));
      });
}

extern "C" LLVM_ATTRIBUTE_WEAK __attribute__((visibility("default")))
::llvm::PassPluginLibraryInfo
llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "heap2stack", "0.1.0", registerCallbacks};
}

//===----------------------------------------------------------------------===//
// Summary validity and standard attributes (issue 14: stamps, LLVM's capture
// semantics, and the bit layouts of MemoryEffects and CaptureInfo, which stay
// here rather than in the C files).
//===----------------------------------------------------------------------===//

extern "C" uint64_t h2s_host_fingerprint(h2s_host *H, LLVMValueRef Fn) {
  auto [It, New] = H->Stamps.try_emplace(unwrap<Function>(Fn), 0);
  if (New)
    It->second = h2s_fingerprint(Fn);
  return It->second;
}

// Beyond address_is_null: comparing with null reveals no usable address.
static bool capturesBeyondNull(CaptureComponents CC) {
  return capturesAnything(CC & ~CaptureComponents::AddressIsNull);
}

extern "C" void h2s_host_call_memory(LLVMValueRef Call, h2s_memory *Out) {
  MemoryEffects ME = unwrap<CallBase>(Call)->getMemoryEffects();
  Out->none = ME.doesNotAccessMemory();
  Out->arg_ref = isRefSet(ME.getModRef(IRMemLocation::ArgMem));
  Out->arg_mod = isModSet(ME.getModRef(IRMemLocation::ArgMem));
  Out->any_mod = !ME.onlyReadsMemory();
  Out->errno_only = ME.onlyAccessesErrnoMem();
}

extern "C" void h2s_host_call_captures(LLVMValueRef Call, unsigned I,
                                       h2s_captures *Out) {
  CaptureInfo CI = unwrap<CallBase>(Call)->getCaptureInfo(I);
  Out->other = capturesBeyondNull(CI.getOtherComponents());
  Out->ret = capturesBeyondNull(CI.getRetComponents());
}

namespace {
// Collects what CaptureTracking reports, keeping stores of the pointer
// itself apart (attrs.c judges those) and returns apart.
struct ScanTracker : CaptureTracker {
  h2s_capture_scan *Out;
  CaptureComponents Other = CaptureComponents::None;
  CaptureComponents Ret = CaptureComponents::None;
  explicit ScanTracker(h2s_capture_scan *O) : Out(O) {}
  void tooManyUses() override { Out->too_many = 1; }
  Action captured(const Use *U, UseCaptureInfo CI) override {
    auto *I = cast<Instruction>(U->getUser());
    if (isa<ReturnInst>(I)) {
      Ret |= CI.UseCC;
      return ContinueIgnoringReturn;
    }
    auto *S = dyn_cast<StoreInst>(I);
    if (S && U->getOperandNo() == 0 && !S->isVolatile()) {
      if (Out->nstores == H2S_SCAN_STORES)
        Out->too_many = 1;
      else
        Out->stores[Out->nstores++] = wrap(S);
      return Continue;
    }
    Other |= CI.UseCC;
    return Continue;
  }
};
} // namespace

extern "C" void h2s_host_scan_captures(LLVMValueRef V, h2s_capture_scan *Out) {
  *Out = h2s_capture_scan();
  ScanTracker T(Out);
  PointerMayBeCaptured(unwrap(V), &T);
  Out->other_cc = (unsigned)T.Other;
  Out->ret_cc = (unsigned)T.Ret;
  Out->other = capturesBeyondNull(T.Other);
  Out->ret = capturesAnything(T.Ret);
}

extern "C" void h2s_host_publish_captures(LLVMValueRef Fn, unsigned Idx,
                                          const h2s_capture_scan *Scan) {
  if (Scan->other || Scan->too_many)
    return; // never published: only the forms callers use
  Function *F = unwrap<Function>(Fn);
  auto Other =
      CaptureComponents(Scan->other_cc) & CaptureComponents::AddressIsNull;
  // LLVM's own form: what is captured otherwise may also be by returning.
  CaptureInfo New(Other, CaptureComponents(Scan->ret_cc) | Other);
  CaptureInfo Have = F->getAttributes().getParamAttrs(Idx).getCaptureInfo();
  CaptureInfo Both = New & Have;
  if (Both == Have)
    return; // already at least as strong
  F->removeParamAttr(Idx, Attribute::Captures);
  F->addParamAttr(Idx, Attribute::getWithCaptureInfo(F->getContext(), Both));
}

// ---- allocators: what LLVM's MemoryBuiltins decide, for alloc.c ----------

extern "C" int h2s_host_freed_arg(h2s_host *H, LLVMValueRef Call) {
  auto *CB = dyn_cast<CallBase>(unwrap(Call));
  if (!CB || !CB->getCalledFunction())
    return -1;
  auto &TLI = H->FAM->getResult<TargetLibraryAnalysis>(*CB->getFunction());
  Value *Freed = getFreedOperand(CB, &TLI);
  if (!Freed)
    return -1;
  // The first argument that is the freed value: when the same value is
  // passed twice, the other position is judged as an ordinary argument,
  // which it also is.
  for (unsigned I = 0, E = CB->arg_size(); I != E; ++I)
    if (CB->getArgOperand(I) == Freed)
      return (int)I;
  return -1;
}

//===- The recursion guard (stack.c) --------------------------------------===//
//
// Before any inlining, in every -O1+ pipeline (per-module, both LTO pre-link
// pipelines, the ThinLTO backends, and full LTO's link), answer "may
// recurse" for the module and give the functions that may recurse LLVM's
// inline-max-stacksize, so that no inliner, at compile or link time, copies
// a promoted buffer into a recursive frame. Also "heap2stack-guard" in
// pipeline text.

namespace {
struct Heap2StackGuard : PassInfoMixin<Heap2StackGuard> {
  h2s_options Opt;
  explicit Heap2StackGuard(const h2s_options &O) : Opt(O) {}
  PreservedAnalyses run(Module &M, ModuleAnalysisManager &MAM) {
    auto &FAM =
        MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager();
    h2s_host H;
    H.FAM = &FAM;
    h2s_recursion_publish(&H, &Opt, wrap(&M));
    // Only function attributes changed: no analysis looks at them.
    return PreservedAnalyses::all();
  }
  static bool isRequired() { return false; }
};
} // namespace

static void registerGuard(PassBuilder &PB) {
  if (auto *PIC = PB.getPassInstrumentationCallbacks())
    PIC->addClassToPassName(Heap2StackGuard::name(), "heap2stack-guard");
  PB.registerPipelineParsingCallback(
      [](StringRef Name, ModulePassManager &MPM,
         ArrayRef<PassBuilder::PipelineElement>) {
        if (Name != "heap2stack-guard")
          return false;
        h2s_options O;
        h2s_options_default(&O);
        MPM.addPass(Heap2StackGuard(O));
        return true;
      });
  PB.registerPipelineEarlySimplificationEPCallback(
      [](ModulePassManager &MPM, OptimizationLevel Level, ThinOrFullLTOPhase) {
        h2s_options O = autoOptions();
        if (Level == OptimizationLevel::O0)
          return;
        MPM.addPass(Heap2StackGuard(O));
      });
  PB.registerFullLinkTimeOptimizationEarlyEPCallback(
      [](ModulePassManager &MPM, OptimizationLevel Level) {
        h2s_options O = autoOptions();
        if (Level == OptimizationLevel::O0)
          return;
        MPM.addPass(Heap2StackGuard(O));
      });
}

//===- Allocation wrappers (wrappers.c) ------------------------------------===//
//
// LLVM's own inliner does the copying, so that a wrapper opened at a
// promoted site keeps every effect it has (counters, logging, exits).

extern "C" int h2s_host_inline_viable(LLVMValueRef Fn) {
  return isInlineViable(*unwrap<Function>(Fn)).isSuccess();
}

extern "C" int h2s_host_can_inline(LLVMValueRef Call) {
  InlineFunctionInfo IFI;
  return CanInlineCallSite(*unwrap<CallBase>(Call), IFI).isSuccess();
}

extern "C" int h2s_host_inline(h2s_host *H, LLVMValueRef Call,
                               LLVMValueRef Inner, LLVMValueRef *Clone) {
  auto *CB = unwrap<CallBase>(Call);
  Function *Caller = CB->getFunction();
  // growinline.c copies a whole helper and follows no call inside it.
  Value *InnerCallee =
      Inner ? unwrap<CallBase>(Inner)->getCalledOperand() : nullptr;
  *Clone = nullptr;
  InlineFunctionInfo IFI;
  if (!InlineFunction(*CB, IFI, /*MergeAttributes=*/true).isSuccess())
    return -1;
  H->Inlined.push_back(Caller);
  if (!InnerCallee)
    return 0;
  // The inner call is the only call to its callee in the wrapper
  // (wrappers.c checks), so its copy is the one calling the same callee.
  for (CallBase *C : IFI.InlinedCallSites)
    if (C->getCalledOperand() == InnerCallee)
      *Clone = wrap(C);
  if (!*Clone)
    return 0;
  // The block becomes a stack object: no call that sees it may be a tail
  // call (`tail` promises not to touch the caller's frame).
  for (User *U : unwrap(*Clone)->users())
    if (auto *CI = dyn_cast<CallInst>(U))
      if (CI->getTailCallKind() == CallInst::TCK_Tail)
        CI->setTailCallKind(CallInst::TCK_None);
  return 0;
}
