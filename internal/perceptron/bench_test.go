package perceptron

import (
	"math/rand/v2"
	"testing"
)

func BenchmarkLookup(b *testing.B) {
	const n = 1 << 20
	rng := rand.New(rand.NewPCG(1, 2))
	keys := make([]uint32, n)
	t := newTable(n)
	m := make(map[uint32]span, n)
	for i := range keys {
		keys[i] = rng.Uint32()
		t.put(keys[i], span{int32(i), int32(i + 1)})
		m[keys[i]] = span{int32(i), int32(i + 1)}
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
		s := int32(0)
		for b.Loop() {
			for _, k := range probe {
				sp, _ := t.get(k)
				s += sp.end
			}
		}
	})
	b.Run("map", func(b *testing.B) {
		s := int32(0)
		for b.Loop() {
			for _, k := range probe {
				sp := m[k]
				s += sp.end
			}
		}
	})
}
