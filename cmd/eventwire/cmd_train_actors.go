package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"eventwire/actors"
	"eventwire/internal/shared"
)

// runTrainActors compacts the PETRARCH-2 / Phoenix actor and agent
// dictionaries into data/gazetteer/actors.txt.gz and agents.txt.gz.
func runTrainActors(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "train actors", "")
	dir := fs.String("dict", shared.Path("cameo", "petrarch2", "dictionaries"), "folder of the Phoenix dictionaries")
	out := fs.String("out", filepath.Join("data", "gazetteer"), "folder to write the compacted dictionaries to")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return errors.New("train actors: no arguments expected")
	}
	if *dir == "" {
		return errors.New("train actors: no dictionary folder (-dict)")
	}
	n, err := actors.Build(*dir, *out)
	if err != nil {
		return fmt.Errorf("train actors: %w", err)
	}
	fmt.Fprintf(e.stdout, "wrote %s and %s: %d bytes\n", filepath.Join(*out, actors.ActorsFile), filepath.Join(*out, actors.AgentsFile), n)
	return nil
}
