# libfuzzer.sh: sourced by options_fuzz.sh and remarks_fuzz.sh.
#
#   run_fuzzer NAME SECONDS WORK
#
# Runs $WORK/NAME (a libFuzzer binary) over $WORK/corpus with the dictionary
# $WORK/NAME.dict for SECONDS, and prints its statistics; on a crash or a
# sanitizer report, the end of its log, and exits 1 (the input stays in
# WORK).
run_fuzzer() {
  local name=$1 seconds=$2 work=$3
  cd "$work"
  "$work/$name" -max_total_time="$seconds" -dict="$work/$name.dict" \
    -print_final_stats=1 "$work/corpus" 2>"$work/fuzz.log" || {
    tail -40 "$work/fuzz.log"; echo "$name: FAILED (input saved in $work)"; exit 1; }
  grep -E '^stat::number_of_executed_units|^stat::new_units_added' "$work/fuzz.log"
  grep -E 'cov: [0-9]+' "$work/fuzz.log" | tail -1
  echo "$name: no crash in $seconds s"
}
