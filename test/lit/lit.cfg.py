# lit configuration for heap2stack: IR tests (.ll), C tests (.c), tool tests.
import os
import lit.formats

config.name = "heap2stack"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".ll", ".c", ".cpp", ".test"]
config.excludes = ["Inputs", "lit.cfg.py", "lit.site.cfg.py.in"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.h2s_obj_root, "test", "lit")

tools = config.llvm_tools_dir
config.environment["PATH"] = os.pathsep.join([tools, config.environment.get("PATH", "")])
plugin = os.path.join(config.h2s_obj_root, "pass", "heap2stack.so")
report = os.path.join(config.h2s_obj_root, "tools", "report", "heap2stack-report")

config.substitutions.append(("%plugin", plugin))
config.substitutions.append(("%opt-h2s", f"{tools}/opt -load-pass-plugin={plugin}"))
config.substitutions.append(("%clang-h2s", f"{tools}/clang -fpass-plugin={plugin}"))
config.substitutions.append(("%clangxx-h2s", f"{tools}/clang++ -fpass-plugin={plugin}"))
config.substitutions.append(("%clangxx", f"{tools}/clang++"))
config.substitutions.append(("%clang", f"{tools}/clang"))
config.substitutions.append(("%h2s-report", report))
config.substitutions.append(("%src", config.h2s_src_root))
config.substitutions.append(("%obj", config.h2s_obj_root))
config.substitutions.append(("%runtime-check", os.path.join(config.h2s_src_root, "test", "runtime", "check.sh")))
