package queue_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"eventwire/doc"
	"eventwire/queue"
	"eventwire/store/postgres"
)

var schemaSeq atomic.Int64

// freshURL returns a URL for a new, empty schema in the test cluster
// ($EVENTWIRE_PG_URL, set by .ci/run), dropped when the test ends.
func freshURL(t *testing.T) string {
	t.Helper()
	base := os.Getenv("EVENTWIRE_PG_URL")
	if base == "" {
		t.Skip("EVENTWIRE_PG_URL not set; start a cluster with: eval \"$(scripts/pg-start)\"")
	}
	ctx := context.Background()
	schema := fmt.Sprintf("q%d_%d", os.Getpid(), schemaSeq.Add(1))
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), base)
		if err == nil {
			c.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
			c.Close(context.Background())
		}
	})
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	return base + sep + "search_path=" + schema
}

// buildBinary builds the eventwire command into a temporary folder.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "eventwire")
	cmd := exec.Command("go", "build", "-o", bin, "eventwire/cmd/eventwire")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// writeArticles writes n distinct plain-text articles into a new folder.
func writeArticles(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	places := []string{"Cairo", "Geneva", "Nairobi", "Lagos", "Beijing", "Berlin"}
	for i := range n {
		p := places[i%len(places)]
		text := fmt.Sprintf("Talks number %d open in %s\n\n"+
			"Delegates from %d countries met in %s on Monday for round %d of talks on trade and security, officials said.\n\n"+
			"\"We expect progress in round %d,\" said chief negotiator Anna Berg, who has led the talks since 20%02d.\n\n"+
			"Police said %d protesters were arrested outside the venue in %s after a march of about %d people.",
			i, p, 10+i, p, i, i, i%30, i%17+1, p, 100+i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%03d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func run(t *testing.T, bin string, args ...string) string {
	t.Helper()
	out, err := exec.Command(bin, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("eventwire %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func startWorker(t *testing.T, bin, url string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(bin, "worker", "--db", url, "--concurrency", "2", "--job-timeout", "3s", "--rescue-after", "4s")
	cmd.Env = append(os.Environ(), "GOMAXPROCS=1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	return cmd
}

// TestKillWorker kills a worker with SIGKILL in the middle of a batch, lets
// a second worker finish, and checks that every document was stored exactly
// once with its layers.
func TestKillWorker(t *testing.T) {
	if testing.Short() {
		t.Skip("kill test skipped in -short mode")
	}
	url := freshURL(t)
	bin := buildBinary(t)
	const n = 120
	dir := writeArticles(t, n)
	ctx := context.Background()
	st, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()

	out := run(t, bin, "ingest", "--db", url, "--enqueue", dir)
	if !strings.Contains(out, fmt.Sprintf("%d queued", n)) {
		t.Fatalf("enqueue: %s", out)
	}
	w1 := startWorker(t, bin, url)
	deadline := time.Now().Add(90 * time.Second)
	for {
		s, err := st.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if s.Articles >= 10 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("first worker stored only %d articles", s.Articles)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := w1.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	w1.Wait()
	killedAt, _ := st.Stats(ctx)
	if killedAt.Articles >= n {
		t.Skipf("the first worker finished all %d documents before it could be killed", n)
	}
	t.Logf("killed the first worker after %d of %d articles", killedAt.Articles, n)

	w2 := startWorker(t, bin, url)
	deadline = time.Now().Add(3 * time.Minute)
	for {
		status, err := queue.QueueStatus(ctx, st.Pool())
		if err != nil {
			t.Fatal(err)
		}
		if status.Pending() == 0 {
			if status["completed"] != n {
				t.Errorf("jobs %v, want %d completed", status, n)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("queue not drained: %v", status)
		}
		time.Sleep(250 * time.Millisecond)
	}
	w2.Process.Signal(syscall.SIGTERM)
	if err := w2.Wait(); err != nil {
		t.Errorf("worker did not stop cleanly on SIGTERM: %v", err)
	}

	s, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Articles != n || s.Failures != 0 {
		t.Errorf("stats %+v, want %d articles and no failures", s, n)
	}
	// No layer is stored twice: per article, the normalised rows match the record.
	pool := st.Pool()
	var dupInputs, quoteMismatch, mentionMismatch int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM (SELECT article_id FROM inputs GROUP BY article_id HAVING count(*) > 1) d`).Scan(&dupInputs); err != nil {
		t.Fatal(err)
	}
	err = st.Scan(ctx, time.Time{}, func(d *doc.Document) error {
		var quotes, mentions int
		if err := pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM quotes q JOIN articles a ON a.seq = q.article_seq WHERE a.id = $1),
			(SELECT count(*) FROM mentions m JOIN articles a ON a.seq = m.article_seq WHERE a.id = $1)`, d.ID).Scan(&quotes, &mentions); err != nil {
			return err
		}
		want := 0
		for _, e := range d.Entities {
			want += len(e.Mentions)
		}
		if quotes != len(d.Quotes) {
			quoteMismatch++
		}
		if mentions != want {
			mentionMismatch++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if dupInputs != 0 || quoteMismatch != 0 || mentionMismatch != 0 {
		t.Errorf("duplicates: %d articles with several inputs, %d with extra quotes, %d with extra mentions", dupInputs, quoteMismatch, mentionMismatch)
	}
	// Enqueueing the same inputs again adds nothing.
	if out := run(t, bin, "ingest", "--db", url, "--enqueue", dir); !strings.Contains(out, "0 queued") {
		t.Errorf("second enqueue: %s", out)
	}
}
