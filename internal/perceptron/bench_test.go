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

func BenchmarkAccumulate(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	blob := make([]uint32, 4000)
	for i := range blob {
		blob[i] = uint32(rng.IntN(103))<<16 | uint32(rng.IntN(65536))
	}
	var acc [256]int32
	for b.Loop() {
		for _, e := range blob {
			acc[uint8(e>>16)] += int32(int16(uint16(e)))
		}
	}
	_ = acc
}
