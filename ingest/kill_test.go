package ingest

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"eventwire/store/sqlite"
)

// TestMain lets the test binary act as an ingest process for
// TestKill9Resume: with EVENTWIRE_INGEST_HELPER set it ingests the folder
// named by it into the database named by EVENTWIRE_INGEST_DB, printing a
// line per item read, and exits.
func TestMain(m *testing.M) {
	if in := os.Getenv("EVENTWIRE_INGEST_HELPER"); in != "" {
		os.Exit(helperIngest(in, os.Getenv("EVENTWIRE_INGEST_DB")))
	}
	os.Exit(m.Run())
}

func helperIngest(in, db string) int {
	ctx := context.Background()
	s, err := sqlite.Open(ctx, db)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	defer s.Close()
	out := bufio.NewWriter(os.Stdout)
	var mu sync.Mutex
	r := &testReader{delay: 2 * time.Millisecond, onRead: func(n int64) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintln(out, "read", n)
		out.Flush()
	}}
	sum, err := New(s, r, Options{Workers: 2}).Run(ctx, []string{in})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Fprintf(out, "done %d %d %d\n", sum.Stored, sum.Skipped, sum.Failed)
	out.Flush()
	return 0
}

// TestKill9Resume starts an ingest in another process, kills it with
// SIGKILL part-way, runs it again and checks that the database opens,
// holds every article once and passes SQLite's integrity check.
func TestKill9Resume(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	const n = 400
	for i := range n {
		write(t, filepath.Join(in, fmt.Sprintf("d%d", i%7), fmt.Sprintf("%04d.txt", i)), []byte(article(i)))
	}
	db := filepath.Join(dir, "kill.db")
	run := func(killAfter int) (lines []string, killed bool) {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "EVENTWIRE_INGEST_HELPER="+in, "EVENTWIRE_INGEST_DB="+db)
		cmd.Stderr = os.Stderr
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines = append(lines, sc.Text())
			if killAfter > 0 && len(lines) == killAfter {
				if err := cmd.Process.Kill(); err != nil { // SIGKILL
					t.Fatal(err)
				}
				killed = true
				break
			}
		}
		for sc.Scan() { // drain
		}
		err = cmd.Wait()
		if !killed && err != nil {
			t.Fatalf("ingest process: %v", err)
		}
		return lines, killed
	}
	if lines, killed := run(150); !killed {
		t.Fatal("the first ingest finished before it could be killed: ", lines)
	}
	lines, _ := run(0)
	var stored, skipped, failed int
	if _, err := fmt.Sscanf(lines[len(lines)-1], "done %d %d %d", &stored, &skipped, &failed); err != nil {
		t.Fatalf("last line %q: %v", lines[len(lines)-1], err)
	}
	if failed != 0 || skipped == 0 || stored+skipped != n {
		t.Errorf("resumed run stored %d, skipped %d, failed %d; want the %d items between them, some skipped", stored, skipped, failed, n)
	}
	t.Logf("killed after ~150 reads; the second run skipped %d and stored %d", skipped, stored)

	ctx := context.Background()
	s, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer s.Close()
	if err := s.Check(ctx); err != nil {
		t.Errorf("integrity: %v", err)
	}
	st, err := s.Stats(ctx)
	if err != nil || st.Articles != n || st.Failures != 0 {
		t.Errorf("stats = %+v, %v; want %d articles", st, err, n)
	}
	for i := 0; i < n; i += 37 {
		key := filepath.Join(in, fmt.Sprintf("d%d", i%7), fmt.Sprintf("%04d.txt", i))
		if ok, err := s.Has(ctx, key); !ok || err != nil {
			t.Errorf("Has(%s) = %v, %v", key, ok, err)
		}
	}
	// A third run adds nothing.
	lines, _ = run(0)
	if last := lines[len(lines)-1]; last != "done 0 "+strconv.Itoa(n)+" 0" {
		t.Errorf("third run: %q, want everything skipped", last)
	}
}
