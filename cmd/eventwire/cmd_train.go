package main

import "context"

// trainCommands lists the "eventwire train" subcommands (models and derived
// data files), one line each.
func trainCommands() []command {
	return []command{
		{"tone", "build the tone lexicon from the vader-sentiment npm tarball", runTrainTone},
		{"geo", "build the gazetteer (countries, GeoNames places) from npm tarballs", runTrainGeo},
	}
}

func runTrain(ctx context.Context, e *env, args []string) error {
	return dispatch(ctx, e, "eventwire train", trainCommands(), args)
}
