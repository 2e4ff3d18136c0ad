// threads.cpp: runs heap2stack on several modules at once in one process,
// the way ThinLTO backends and parallel compilation servers do. The plugin
// is loaded once (PassPlugin::Load); each thread then parses its own module
// in its own LLVMContext, builds a PassBuilder with the plugin's callbacks,
// runs a pipeline with every heap2stack remark enabled, verifies the result
// and prints it to a string. Built and run under ThreadSanitizer by
// threads.sh.
//
//   h2s-threads PLUGIN PIPELINE THREADS ROUNDS FILE.ll...
//
// Each thread handles every file ROUNDS times, starting at a different one. Every run of one file must
// print the same IR and the same remarks: a difference means shared state
// leaked between threads (or nondeterminism). Exit status 0 when every run
// verified and matched.
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/DiagnosticPrinter.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/IRReader/IRReader.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Plugins/PassPlugin.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using namespace llvm;

namespace {

// Collects every heap2stack remark of one run, in order, as text, whatever
// -pass-remarks says (isAnyRemarkEnabled() is what ORE.emit asks).
struct Remarks : DiagnosticHandler {
  std::string *Out;
  explicit Remarks(std::string *O) : Out(O) {}
  bool isAnyRemarkEnabled() const override { return true; }
  bool isAnalysisRemarkEnabled(StringRef P) const override {
    return P == "heap2stack";
  }
  bool isMissedOptRemarkEnabled(StringRef P) const override {
    return P == "heap2stack";
  }
  bool isPassedOptRemarkEnabled(StringRef P) const override {
    return P == "heap2stack";
  }
  bool handleDiagnostics(const DiagnosticInfo &DI) override {
    raw_string_ostream OS(*Out);
    DiagnosticPrinterRawOStream DP(OS);
    DI.print(DP);
    OS << "\n";
    return true;
  }
};

struct Result {
  std::string IR, Remarks, Error;
};

Result runOnce(PassPlugin &Plugin, const std::string &Pipeline,
               const std::string &File) {
  Result R;
  LLVMContext Ctx;
  Ctx.setDiagnosticHandler(std::make_unique<Remarks>(&R.Remarks));
  SMDiagnostic Diag;
  std::unique_ptr<Module> M = parseIRFile(File, Diag, Ctx);
  if (!M) {
    R.Error = "cannot parse " + File + ": " + Diag.getMessage().str();
    return R;
  }
  PassBuilder PB;
  Plugin.registerPassBuilderCallbacks(PB);
  LoopAnalysisManager LAM;
  FunctionAnalysisManager FAM;
  CGSCCAnalysisManager CGAM;
  ModuleAnalysisManager MAM;
  PB.registerModuleAnalyses(MAM);
  PB.registerCGSCCAnalyses(CGAM);
  PB.registerFunctionAnalyses(FAM);
  PB.registerLoopAnalyses(LAM);
  PB.crossRegisterProxies(LAM, FAM, CGAM, MAM);
  ModulePassManager MPM;
  if (Error E = PB.parsePassPipeline(MPM, Pipeline)) {
    R.Error = "bad pipeline: " + toString(std::move(E));
    return R;
  }
  MPM.run(*M, MAM);
  std::string VerifyMsg;
  raw_string_ostream VOS(VerifyMsg);
  if (verifyModule(*M, &VOS)) {
    R.Error = "invalid IR after the pipeline on " + File + ": " + VerifyMsg;
    return R;
  }
  raw_string_ostream OS(R.IR);
  M->print(OS, nullptr);
  return R;
}

} // namespace

int main(int argc, char **argv) {
  if (argc < 6) {
    fprintf(stderr, "usage: %s PLUGIN PIPELINE THREADS ROUNDS FILE.ll...\n",
            argv[0]);
    return 2;
  }
  Expected<PassPlugin> Plugin = PassPlugin::Load(argv[1]);
  if (!Plugin) {
    fprintf(stderr, "cannot load %s: %s\n", argv[1],
            toString(Plugin.takeError()).c_str());
    return 2;
  }
  std::string Pipeline = argv[2];
  int Threads = atoi(argv[3]), Rounds = atoi(argv[4]);
  std::vector<std::string> Files(argv + 5, argv + argc);

  // The first result for each file is the reference the others must match.
  std::vector<Result> Ref(Files.size());
  std::vector<int> HaveRef(Files.size(), 0);
  std::mutex Lock;
  std::atomic<int> Failures{0}, Runs{0};
  std::atomic<long> RemarkBytes{0};
  std::vector<std::thread> Pool;
  for (int T = 0; T < Threads; T++) {
    Pool.emplace_back([&, T] {
      for (size_t J = 0; J < Rounds * Files.size(); J++) {
        size_t F = (T + J) % Files.size();
        Result R = runOnce(*Plugin, Pipeline, Files[F]);
        Runs++;
        RemarkBytes += R.Remarks.size();
        std::lock_guard<std::mutex> G(Lock);
        if (!R.Error.empty()) {
          fprintf(stderr, "thread %d: %s\n", T, R.Error.c_str());
          Failures++;
        } else if (!HaveRef[F]) {
          Ref[F] = std::move(R);
          HaveRef[F] = 1;
        } else if (R.IR != Ref[F].IR || R.Remarks != Ref[F].Remarks) {
          fprintf(stderr, "thread %d: %s: output differs between runs\n", T,
                  Files[F].c_str());
          Failures++;
        }
      }
    });
  }
  for (std::thread &T : Pool)
    T.join();
  size_t Moved = 0;
  for (const Result &R : Ref)
    for (size_t P = R.Remarks.find("moved to stack"); P != std::string::npos;
         P = R.Remarks.find("moved to stack", P + 1))
      Moved++;
  printf("threads %d, runs %d, files %zu, promoted per round %zu, "
         "remark bytes %ld, failures %d\n",
         Threads, Runs.load(), Files.size(), Moved, RemarkBytes.load(),
         Failures.load());
  return Failures ? 1 : 0;
}
