//go:build unix

package parse

import "syscall"

// cpuSeconds returns the processor time the process has used, so that
// benchmarks on a shared machine can report speed per CPU-second.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
