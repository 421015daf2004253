package ingest

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// progress shows how an ingest run is going: a redrawn bar with count, rate
// and ETA on a terminal, a plain line every few seconds otherwise.
type progress struct {
	w        io.Writer
	terminal bool
	began    time.Time
	read     func() (done, total int64, counted bool, failed int64)
	quit     chan struct{}
	wg       sync.WaitGroup
}

func newProgress(w io.Writer, terminal bool, began time.Time, read func() (int64, int64, bool, int64)) *progress {
	return &progress{w: w, terminal: terminal, began: began, read: read, quit: make(chan struct{})}
}

func (p *progress) start() {
	every := 5 * time.Second
	if p.terminal {
		every = 250 * time.Millisecond
	}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		last := int64(-1)
		for {
			select {
			case <-p.quit:
				p.draw(true)
				return
			case <-t.C:
				if done, _, _, _ := p.read(); p.terminal || done != last {
					p.draw(false)
					last = done
				}
			}
		}
	}()
}

func (p *progress) stop() {
	close(p.quit)
	p.wg.Wait()
}

func (p *progress) draw(final bool) {
	done, total, counted, failed := p.read()
	fmt.Fprint(p.w, p.line(done, total, counted, failed, time.Since(p.began), final))
}

// line renders one progress report.
func (p *progress) line(done, total int64, counted bool, failed int64, elapsed time.Duration, final bool) string {
	rate := 0.0
	if s := elapsed.Seconds(); s > 0 {
		rate = float64(done) / s
	}
	var b strings.Builder
	if p.terminal {
		b.WriteString("\r")
		if counted && total > 0 {
			const width = 30
			fill := int(float64(width) * float64(done) / float64(total))
			fill = min(max(fill, 0), width)
			b.WriteString("[" + strings.Repeat("#", fill) + strings.Repeat(".", width-fill) + "] ")
		}
	} else {
		b.WriteString("ingest: ")
	}
	if counted && total > 0 {
		fmt.Fprintf(&b, "%d/%d (%.0f%%) %.1f items/s", done, total, 100*float64(done)/float64(total), rate)
		if !final && rate > 0 && total > done {
			eta := time.Duration(float64(total-done) / rate * float64(time.Second))
			fmt.Fprintf(&b, " ETA %s", eta.Round(time.Second))
		}
	} else {
		fmt.Fprintf(&b, "%d items %.1f items/s", done, rate)
	}
	if failed > 0 {
		fmt.Fprintf(&b, ", %d failed", failed)
	}
	if p.terminal {
		b.WriteString("\033[K")
		if final {
			b.WriteString("\n")
		}
	} else {
		b.WriteString("\n")
	}
	return b.String()
}
