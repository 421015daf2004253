package main

import "context"

// evalCommands lists the "eventwire eval" subcommands, one line each.
func evalCommands() []command {
	return []command{
		{"counts", "score the count and date stages on an article against its gold reading", runEvalCounts},
		{"events", "code PETRARCH validation records; share of expected CAMEO triples", runEvalEvents},
		{"ner", "score the named-entity recogniser on a CoNLL-2003 file (F1 per type)", runEvalNER},
		{"quotes", "score the quote stage against gold files (--gold DIR)", runEvalQuotes},
	}
}

func runEval(ctx context.Context, e *env, args []string) error {
	return dispatch(ctx, e, "eventwire eval", evalCommands(), args)
}
