package store

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"

	"eventwire/doc"
)

// EntityKey returns the key that resolves an entity across articles: its
// canonical name normalised (case folded, punctuation dropped, spaces
// collapsed) and its type, and for locations their country too ("Paris",
// FRA and "Paris", USA are two places). People, organisations and groups are
// not split by country: the country the reader finds for a person varies
// from article to article (often none), and one name of one type is one
// entity far more often than two. Every driver keys cross-article entities
// with it, so ids agree between stores.
func EntityKey(name, typ, country string) string {
	typ = strings.ToUpper(typ)
	if typ != doc.Location {
		country = ""
	}
	return NormalizeName(name) + "|" + typ + "|" + strings.ToUpper(country)
}

// NormalizeName folds a name for matching: lower case, letters and digits
// kept, everything else turned into single spaces.
func NormalizeName(name string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		} else {
			space = true
		}
	}
	return b.String()
}

// EntityID returns the cross-article id of an entity of a document: a hash
// of EntityKey, using the country of its place when the entity has none.
// Drivers keep the first country they see for an entity.
func EntityID(e *doc.Entity) string {
	country := e.Country
	if country == "" && e.Place != nil {
		country = e.Place.Country
	}
	sum := sha256.Sum256([]byte(EntityKey(e.Name, e.Type, country)))
	return "E" + hex.EncodeToString(sum[:8])
}
