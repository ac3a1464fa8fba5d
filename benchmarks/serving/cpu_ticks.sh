# Sourced by run.sh and cold_start.sh.
# cpu_ticks PID: user + system clock ticks (getconf CLK_TCK per second) of PID and its children (gunicorn's workers).
cpu_ticks() {
    local total=0 pid
    for pid in "$1" $(ps -o pid= --ppid "$1" 2>/dev/null); do
        if [ -r "/proc/$pid/stat" ]; then
            total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
        fi
    done
    echo "$total"
}
