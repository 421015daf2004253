package reader

import (
	"context"
	"sync"
	"testing"
)

// TestConcurrent reads the same inputs from several goroutines with one
// Reader; run with -race to check that reading keeps no shared state.
func TestConcurrent(t *testing.T) {
	r := cleanReader(t)
	inputs := [][]byte{[]byte(page), []byte("Title\n\nCAIRO: Body `text`."), []byte(`{"title":"T","html":"<p>x</p>"}`)}
	want := make([]string, len(inputs))
	for i, in := range inputs {
		d, err := r.Clean(context.Background(), "in", in, Meta{})
		if err != nil {
			t.Fatal(err)
		}
		want[i] = d.Text
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Go(func() {
			for k := 0; k < 5; k++ {
				for i, in := range inputs {
					d, err := r.Clean(context.Background(), "in", in, Meta{})
					if err != nil || d.Text != want[i] {
						t.Errorf("goroutine read %d: %v, text %q", i, err, d.Text)
					}
				}
			}
		})
	}
	wg.Wait()
}
