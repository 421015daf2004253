// Package neardup finds near-duplicate texts with MinHash: a signature of
// a text's word shingles whose agreement with another signature estimates
// the Jaccard similarity of the two shingle sets. Stores use it to link the
// same article told by several sources into one story. Signatures are cut
// into Bands (locality-sensitive hashing) so that a store can find
// candidates by exact band value and check only those.
package neardup

import (
	"encoding/binary"
	"errors"
	"strings"
	"unicode"
)

// Shingle is the number of consecutive words in one shingle.
const Shingle = 4

// MinShingles is the fewest shingles a text needs for its signature to be
// trusted; shorter texts are not linked to others.
const MinShingles = 16

// NumHashes is the length of a signature.
const NumHashes = 64

// NumBands and BandRows cut a signature into bands: two texts become
// candidates when all the rows of one band agree. With 16 bands of 4, texts
// of Jaccard similarity 0.8 are candidates with probability 0.9998, 0.5
// with 0.64, 0.2 with 0.03.
const (
	NumBands = 16
	BandRows = NumHashes / NumBands
)

// MinSimilarity is the estimated Jaccard similarity of shingles above which
// two texts are near-duplicates.
const MinSimilarity = 0.6

// Signature is a MinHash signature.
type Signature [NumHashes]uint32

// coefficients of the hash family h_i(x) = (a_i*x + b_i) >> 32, from a
// fixed splitmix64 sequence so that signatures are stable across runs.
var coeffA, coeffB = func() (a, b [NumHashes]uint64) {
	seed := uint64(0x5eed_e7e7_1ee7_0001)
	next := func() uint64 {
		seed += 0x9e3779b97f4a7c15
		return mix(seed)
	}
	for i := range NumHashes {
		a[i] = next() | 1
		b[i] = next()
	}
	return a, b
}()

// Sign returns the MinHash signature of text over lower-cased word
// shingles and the number of shingles. Punctuation and case do not change
// it.
func Sign(text string) (Signature, int) {
	var sig Signature
	for i := range sig {
		sig[i] = ^uint32(0)
	}
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	if len(words) < Shingle {
		return sig, 0
	}
	hashes := make([]uint64, len(words))
	for i, w := range words {
		hashes[i] = wordHash(w)
	}
	n := 0
	for i := 0; i+Shingle <= len(hashes); i++ {
		var x uint64
		for _, h := range hashes[i : i+Shingle] {
			x = x*0x100000001b3 ^ h
		}
		x = mix(x)
		for j := range NumHashes {
			if v := uint32((coeffA[j]*x + coeffB[j]) >> 32); v < sig[j] {
				sig[j] = v
			}
		}
		n++
	}
	return sig, n
}

// Similarity estimates the Jaccard similarity of the shingles of the two
// texts: the fraction of signature positions that agree.
func Similarity(a, b *Signature) float64 {
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / NumHashes
}

// Near reports whether two signatures are of near-duplicate texts.
func Near(a, b *Signature) bool { return Similarity(a, b) >= MinSimilarity }

// Bands returns the LSH band keys of a signature, each tagged with its band
// number in the top bits so that one indexed column can hold them all.
func Bands(sig *Signature) [NumBands]int64 {
	var out [NumBands]int64
	for b := range NumBands {
		h := uint64(0xcbf29ce484222325)
		for _, v := range sig[b*BandRows : (b+1)*BandRows] {
			h = mix(h ^ uint64(v))
		}
		out[b] = int64(b)<<48 | int64(h&(1<<48-1))
	}
	return out
}

// Bytes encodes a signature for storage (little-endian, 256 bytes).
func (s *Signature) Bytes() []byte {
	out := make([]byte, 4*NumHashes)
	for i, v := range s {
		binary.LittleEndian.PutUint32(out[4*i:], v)
	}
	return out
}

// Decode reads a signature written by Bytes.
func Decode(b []byte) (Signature, error) {
	var s Signature
	if len(b) != 4*NumHashes {
		return s, errors.New("neardup: bad signature length")
	}
	for i := range s {
		s[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return s, nil
}

// wordHash is 64-bit FNV-1a of a word.
func wordHash(w string) uint64 {
	h := uint64(0xcbf29ce484222325)
	for i := 0; i < len(w); i++ {
		h ^= uint64(w[i])
		h *= 0x100000001b3
	}
	return h
}

// mix is the splitmix64 finaliser: it spreads a hash's bits.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}
