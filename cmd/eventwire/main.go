// Command eventwire reads news reports and turns them into structured,
// evidence-linked records of who did what to whom, who said what, where,
// when and how many. Run "eventwire help" for the subcommands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// env is what a subcommand may touch: its streams. Subcommands take it
// instead of using os.Stdin and friends so tests can run them in-process.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

// commands lists the subcommands in the order "help" shows them. Each lives
// in its own cmd_NAME.go file.
func commands() []command {
	return []command{
		// Subcommands are added here, one line each, as they land.
		{"read", "read one article (text, HTML, JSON, JSONL, gzip) and print its record", runRead},
		{"train", "regenerate a model or data file from its sources", runTrain},
		{"eval", "measure accuracy and speed on a data set", runEval},
		{"demo", "read the bundled sample articles into a store and serve the web UI", runDemo},
		{"serve", "serve the HTTP API and web UI over a store", runServe},
		{"worker", "take ingest jobs from the PostgreSQL queue", runWorker},
		{"queue", "show the PostgreSQL job queue's jobs by state", runQueue},
		{"ingest", "read files, folders, archives, WARC and feeds into the store", runIngest},
		{"search", "full-text search of stored articles", runSearch},
		{"quotes", "list stored quotes (--speaker, --text)", runQuotes},
		{"events", "list stored events (--actor, --code, --since, --until)", runEvents},
		{"entities", "list entities resolved across articles", runEntities},
		{"export", "export articles as JSONL, CSV, GDELT events or GKG", runExport},
		{"failures", "list inputs that could not be read", runFailures},
		{"crawl", "poll feeds and ingest the articles they link to", runCrawl},
		{"stories", "list stories: near-duplicate articles linked across sources", runStories},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}
	err := dispatch(ctx, e, "eventwire", commands(), os.Args[1:])
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "eventwire:", err)
		os.Exit(1)
	}
}

// dispatch runs the command named by args[0] from table cmds; prog names the
// command group in messages ("eventwire", "eventwire eval").
func dispatch(ctx context.Context, e *env, prog string, cmds []command, args []string) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(e.stdout, prog, cmds)
		if len(args) == 0 {
			return errors.New("no command given")
		}
		return nil
	}
	for _, c := range cmds {
		if c.name == args[0] {
			return c.run(ctx, e, args[1:])
		}
	}
	usage(e.stderr, prog, cmds)
	return fmt.Errorf("unknown command %q", args[0])
}

func usage(w io.Writer, prog string, cmds []command) {
	fmt.Fprintf(w, "usage: %s COMMAND [flags] [args]\n\ncommands:\n", prog)
	for _, c := range cmds {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
}

// newFlags returns a flag set for subcommand name that writes usage to e.stderr.
func newFlags(e *env, name, argsUsage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: eventwire %s [flags] %s\n", name, argsUsage)
		fs.PrintDefaults()
	}
	return fs
}
