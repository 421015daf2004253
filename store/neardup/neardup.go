// Package neardup finds near-duplicate texts with SimHash: a 64-bit
// fingerprint of a text's word shingles in which similar texts differ in few
// bits. Stores use it to link the same article told by several sources into
// one story. Fingerprints are split into Bands so that a store can look up
// candidates by exact band value: two fingerprints within MaxDistance bits of
// each other always share at least one band (pigeonhole).
package neardup

import (
	"hash/fnv"
	"math/bits"
	"strings"
	"unicode"
)

// Shingle is the number of consecutive words in one shingle.
const Shingle = 4

// MinShingles is the fewest shingles a text needs for its fingerprint to be
// trusted; shorter texts are not linked to others.
const MinShingles = 16

// NumBands is the number of bands a fingerprint is split into (four of 11
// bits, two of 10).
const NumBands = 6

// MaxDistance is the largest Hamming distance between two fingerprints that
// still counts as a near-duplicate. It must stay below NumBands.
const MaxDistance = 5

// Fingerprint returns the SimHash of text over lower-cased word shingles and
// the number of shingles it was built from. Punctuation and case do not
// change it.
func Fingerprint(text string) (uint64, int) {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	if len(words) < Shingle {
		return 0, 0
	}
	var v [64]int
	n := 0
	h := fnv.New64a()
	for i := 0; i+Shingle <= len(words); i++ {
		h.Reset()
		for j := i; j < i+Shingle; j++ {
			h.Write([]byte(words[j]))
			h.Write([]byte{' '})
		}
		x := mix(h.Sum64())
		for b := range 64 {
			if x&(1<<b) != 0 {
				v[b]++
			} else {
				v[b]--
			}
		}
		n++
	}
	var fp uint64
	for b := range 64 {
		if v[b] > 0 {
			fp |= 1 << b
		}
	}
	return fp, n
}

// mix spreads FNV's bits (a splitmix64 finaliser) so that every fingerprint
// bit is balanced.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// Distance returns the number of bits in which a and b differ.
func Distance(a, b uint64) int { return bits.OnesCount64(a ^ b) }

// Near reports whether two fingerprints are near-duplicates.
func Near(a, b uint64) bool { return Distance(a, b) <= MaxDistance }

// bandWidths are the widths in bits of the bands, low bits first.
var bandWidths = [NumBands]uint{11, 11, 11, 11, 10, 10}

// Bands splits a fingerprint into NumBands values, each tagged with its band
// number in the top bits so that one indexed column can hold them all.
func Bands(fp uint64) [NumBands]int64 {
	var out [NumBands]int64
	shift := uint(0)
	for i, w := range bandWidths {
		out[i] = int64(i)<<16 | int64((fp>>shift)&(1<<w-1))
		shift += w
	}
	return out
}
