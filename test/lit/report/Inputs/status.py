# Runs a command and prints its exit status, how many lines it wrote to
# stderr and to stdout, then its stderr. Exits 1 unless the status is the
# expected one (a crash, a negative status, never is).
import subprocess
import sys

want = int(sys.argv[1])
r = subprocess.run(sys.argv[2:], capture_output=True, text=True, errors="replace")
err = r.stderr.splitlines()
print(f"status={r.returncode} stderr-lines={len(err)} stdout-lines={len(r.stdout.splitlines())}")
for line in err:
    print(line)
sys.exit(0 if r.returncode == want else 1)
