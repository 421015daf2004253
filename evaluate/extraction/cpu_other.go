//go:build !unix

package extraction

import "time"

// cpuTime is not measured on this platform; reports fall back to wall time.
func cpuTime() time.Duration { return 0 }
