package perceptron

import (
	"bytes"
	"testing"
)

// TestLearn trains on a separable toy problem: the class is given by one of
// two features, with a shared bias feature as noise.
func TestLearn(t *testing.T) {
	data := []struct {
		feats []uint32
		class int
	}{
		{[]uint32{Hash(0), Hash(1, String("a"))}, 0},
		{[]uint32{Hash(0), Hash(1, String("b"))}, 1},
		{[]uint32{Hash(0), Hash(1, String("c"))}, 2},
		{[]uint32{Hash(0), Hash(1, String("a")), Hash(2, 7)}, 0},
	}
	tr := NewTrainer(3)
	for range 10 {
		for _, d := range data {
			scores := make([]float32, 3)
			tr.Score(d.feats, scores)
			tr.Update(d.feats, d.class, argmax(scores))
			tr.Tick()
		}
	}
	m := tr.Average(0)
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for _, mm := range []*Model{m, m2} {
		for i, d := range data {
			scores := make([]float32, 3)
			mm.Score(d.feats, scores)
			if got := argmax(scores); got != d.class {
				t.Errorf("instance %d: class %d, want %d (scores %v)", i, got, d.class, scores)
			}
		}
	}
	if m2.Features() != m.Features() || m2.Weights() != m.Weights() {
		t.Errorf("read back %d/%d features/weights, wrote %d/%d", m2.Features(), m2.Weights(), m.Features(), m.Weights())
	}
}

func TestReadBad(t *testing.T) {
	if _, err := Read(bytes.NewReader([]byte("nope"))); err == nil {
		t.Error("no error for a bad file")
	}
	if _, err := Read(bytes.NewReader([]byte(magic + "\x03"))); err == nil {
		t.Error("no error for a truncated file")
	}
}

func argmax(s []float32) int {
	best := 0
	for i, v := range s {
		if v > s[best] {
			best = i
		}
	}
	return best
}

func TestPrune(t *testing.T) {
	tr := NewTrainer(2)
	f := []uint32{Hash(1), Hash(2)}
	tr.Update(f[:1], 0, 1)
	tr.Tick()
	tr.Update(f, 1, 0)
	tr.Tick()
	m := tr.Average(0)
	if m.Features() != 2 {
		t.Fatalf("%d features, want 2", m.Features())
	}
	if p := m.Prune(0); p.Weights() != m.Weights() {
		t.Errorf("Prune(0) kept %d of %d weights", p.Weights(), m.Weights())
	}
	if p := m.Prune(100); p.Features() != 0 || p.Weights() != 0 {
		t.Errorf("Prune(100) kept %d features", p.Features())
	}
}
