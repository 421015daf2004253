package main

import "context"

// evalCommands lists the "eventwire eval" subcommands, one line each.
func evalCommands() []command {
	return []command{
		{"counts", "score the count and date stages on an article against its gold reading", runEvalCounts},
		{"entity", "score the entity stage on an article against its gold reading", runEvalEntity},
		{"extract", "score HTML main-text and metadata extraction (--data DIR) and its speed", runEvalExtract},
		{"events", "code PETRARCH validation records; share of expected CAMEO triples", runEvalEvents},
		{"load", "send concurrent API searches to a running server; latency p50/p99", runEvalLoad},
		{"ner", "score the named-entity recogniser on a CoNLL-2003 file (F1 per type)", runEvalNER},
		{"parse", "score the parser on a CoNLL-U file (UAS, LAS; --gold-pos)", runEvalParse},
		{"pos", "score the tagger on a CoNLL-U file (UPOS, XPOS, lemma accuracy)", runEvalPOS},
		{"quotes", "score the quote stage against gold files (--gold DIR)", runEvalQuotes},
		{"speed", "time the event, count, date and tone stages against the whole read (--data corpus)", runEvalSpeed},
	}
}

func runEval(ctx context.Context, e *env, args []string) error {
	return dispatch(ctx, e, "eventwire eval", evalCommands(), args)
}
