package main

import (
	"context"
	"fmt"
	"path/filepath"

	"eventwire/cameo"
	"eventwire/internal/shared"
)

// runTrainCameo rebuilds data/gazetteer/cameo from shared/cameo.
func runTrainCameo(ctx context.Context, e *env, args []string) error {
	flags := newFlags(e, "train cameo", "")
	src := flags.String("shared", "", "the shared/cameo folder (default: found beside the repository)")
	out := flags.String("out", filepath.Join("data", "gazetteer", "cameo"), "output folder")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if *src == "" {
		*src = shared.Path("cameo")
		if *src == "" {
			return fmt.Errorf("train cameo: no shared/cameo folder; pass --shared")
		}
	}
	if err := cameo.Build(*src, *out); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s\n", *out)
	return nil
}
