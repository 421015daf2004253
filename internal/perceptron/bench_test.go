package perceptron

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkLookup compares the feature table with a Go map.
func BenchmarkLookup(b *testing.B) {
	const n = 1 << 20
	rng := rand.New(rand.NewPCG(1, 2))
	keys := make([]uint32, n)
	t := newTable(n)
	m := make(map[uint32]uint32, n)
	for i := range keys {
		keys[i] = rng.Uint32()
		t.put(keys[i], uint32(i+1))
		m[keys[i]] = uint32(i + 1)
	}
	probe := make([]uint32, 4096)
	for i := range probe {
		if i%2 == 0 {
			probe[i] = keys[rng.IntN(n)]
		} else {
			probe[i] = rng.Uint32()
		}
	}
	b.Run("table", func(b *testing.B) {
		s := uint32(0)
		for b.Loop() {
			for _, k := range probe {
				s += t.get(k)
			}
		}
	})
	b.Run("map", func(b *testing.B) {
		s := uint32(0)
		for b.Loop() {
			for _, k := range probe {
				s += m[k]
			}
		}
	})
}
