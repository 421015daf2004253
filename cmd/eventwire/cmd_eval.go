package main

import "context"

// evalCommands lists the "eventwire eval" subcommands, one line each.
func evalCommands() []command {
	return []command{}
}

func runEval(ctx context.Context, e *env, args []string) error {
	return dispatch(ctx, e, "eventwire eval", evalCommands(), args)
}
