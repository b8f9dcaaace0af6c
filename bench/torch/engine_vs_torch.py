#!/usr/bin/python3
"""PyTorch baseline for the fast engine: the same binarized model as float +-1 matrix products.

Usage (Debian's python3-torch, not a pyenv python):
    ./blitz convert mlp784 -o /tmp/mlp784.json
    /usr/bin/python3 bench/torch/engine_vs_torch.py /tmp/mlp784.json [--threads N] [--seconds S]

It reads a brain-blitz JSON model (dense + threshold layers, then scores; or a convolutional front
of conv2d + threshold, maxpool and flatten first; docs/il.md), builds each layer's weights as a
float tensor of +1/-1 (a conv2d as torch's conv2d with its declared padding element, a maxpool as
max_pool2d on +-1 maps, flatten in the IL's (y, x, c) order), and times batch 1 (median over single inferences) and
batch 256 (median over batches) under torch.inference_mode() with torch.set_num_threads(N), the
same figures `blitz bench MODEL --threads N` prints. `--backend blas` (default) multiplies with
torch.matmul, which Debian's build runs on its generic BLAS; `--backend mkldnn` uses the oneDNN
linear layers the build also has (torch.utils.mkldnn), much faster on this machine. Integer semantics as the golden model: a
dense over u8 input sums +x or -x; over a bipolar vector it counts agreements, (dot + n) / 2; a
threshold fires (+1) when the count is >= t (ge) or <= t (le); scores are agreements + bias.
`--slice DIR` (a directory with t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz, such as
examples/data/fashion-mnist-test-1000) also prints the number of correct classes on those images,
which must equal the figure the IL's engine gives (`blitz infer MODEL --dataset ...`): the check
that this script computes the model, not something like it.
"""
import argparse
import gzip
import json
import os
import statistics
import time

import torch


def bits(words, n):
    values = []
    for word in words.split():
        w = int(word, 16)
        values.extend((w >> i) & 1 for i in range(32))
    return torch.tensor(values[:n], dtype=torch.float32) * 2 - 1


def load(path):
    nodes = json.load(open(path))["nodes"]
    size = nodes[0]["size"]
    kind = nodes[0]["kind"]
    layers = []
    width = size
    for node in nodes[1:]:
        if node["op"] == "conv2d":
            h, w, c = node["image"]
            k = node["kernel"]
            n = k * k * c
            rows = torch.stack([bits(row, n) for row in node["weights"]])
            # column (ky * K + kx) * C + c  ->  torch's (O, C, K, K)
            weight = rows.reshape(len(rows), k, k, c).permute(0, 3, 1, 2).contiguous()
            s = node["stride"]
            if node["padding"] == "same":
                total = k - s
                before = total // 2
                pad = (before, total - before, before, total - before)
                value = float(node["pad"])
            else:
                pad, value = None, 0.0
            layers.append(["conv2d", weight, (h, w, c), s, pad, value, n])
            width = None
        elif node["op"] == "maxpool":
            layers.append(["maxpool", node["kernel"]])
        elif node["op"] == "flatten":
            layers.append(["flatten"])
            width = flattened_size(nodes, node)
        elif node["op"] == "dense":
            w = torch.stack([bits(row, width) for row in node["weights"]])
            layers.append(["dense", w, width])
            width = node["outputs"]
        elif node["op"] == "threshold":
            t = torch.tensor([float(e[1]) for e in node["thresholds"]])
            ge = torch.tensor([e[0] == "ge" for e in node["thresholds"]])
            if layers[-1][0] == "conv2d":  # one row per channel, applied at every pixel
                t, ge = t.reshape(1, -1, 1, 1), ge.reshape(1, -1, 1, 1)
            layers.append(["threshold", t, ge])
            if width is None:
                width = len(node["thresholds"])
        elif node["op"] == "scores":
            w = torch.stack([bits(row, width) for row in node["weights"]])
            bias = torch.tensor([float(b) for b in node.get("bias", [0] * len(node["weights"]))])
            layers.append(["scores", w, width, bias])
    return kind, size, layers


def flattened_size(nodes, flatten):
    """H * W * C of the map a flatten reads, from the shape arithmetic of docs/il.md."""
    by_name = {node["name"]: node for node in nodes}
    node = by_name[flatten["source"]]
    pools = 1
    while node["op"] != "conv2d":
        if node["op"] == "maxpool":
            pools *= node["kernel"]
        node = by_name[node["source"]]
    h, w, _ = node["image"]
    k, s = node["kernel"], node["stride"]
    if node["padding"] == "same":
        oh, ow = h // s, w // s
    else:
        oh, ow = (h - k) // s + 1, (w - k) // s + 1
    return (oh // pools) * (ow // pools) * node["outputs"]


def product(x, w, backend):
    """x @ w.T with the backend asked for."""
    if backend == "blas":
        return x @ w.T
    return w.linear(x.to_mkldnn()).to_dense()


def prepare(layers, backend):
    """For mkldnn, each weight matrix becomes a oneDNN linear layer (kept under the attribute linear)."""
    if backend == "mkldnn":
        import torch.utils.mkldnn as mkldnn
        for layer in layers:
            if layer[0] in ("dense", "scores"):
                linear = torch.nn.Linear(layer[1].shape[1], layer[1].shape[0], bias=False)
                linear.weight.data = layer[1].clone()
                holder = layer[1]
                layer[1] = _Weights(holder, mkldnn.to_mkldnn(linear))
    return layers


class _Weights:
    def __init__(self, dense, linear):
        self.dense = dense
        self.linear = linear
        self.T = dense.T


def forward(kind, layers, x, backend="blas"):
    bipolar = kind == "bipolar"
    for layer in layers:
        if layer[0] == "conv2d":
            weight, (h, w, c), stride, pad, value, n = layer[1:]
            if x.dim() == 2:  # the flat input: element (y, x, c) at (y * W + x) * C + c
                x = x.reshape(-1, h, w, c).permute(0, 3, 1, 2)
            if pad is not None:
                x = torch.nn.functional.pad(x, pad, value=value)
            acc = torch.nn.functional.conv2d(x, weight, stride=stride)
            if bipolar:
                acc = (acc + n) / 2
        elif layer[0] == "maxpool":
            x = torch.nn.functional.max_pool2d(x, layer[1])
        elif layer[0] == "flatten":
            x = x.permute(0, 2, 3, 1).reshape(x.shape[0], -1)
        elif layer[0] == "dense":
            acc = product(x, layer[1], backend)
            if bipolar:
                acc = (acc + layer[2]) / 2
        elif layer[0] == "threshold":
            fire = torch.where(layer[2], acc >= layer[1], acc <= layer[1])
            x = fire.float() * 2 - 1
            bipolar = True
        else:
            scores = (product(x, layer[1], backend) + layer[2]) / 2 + layer[3]
            return scores.argmax(dim=1), scores
    raise ValueError("no scores layer")


def median_micros(fn, per_call, seconds):
    end = time.perf_counter() + seconds
    rounds = []
    while time.perf_counter() < end or len(rounds) < 5:
        start = time.perf_counter()
        fn()
        rounds.append((time.perf_counter() - start) * 1e6 / per_call)
    return statistics.median(rounds), len(rounds)


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    body = torch.frombuffer(bytearray(data[4 + 4 * dims:]), dtype=torch.uint8)
    return body.reshape(shape[0], -1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=3)
    parser.add_argument("--backend", choices=["blas", "mkldnn"], default="blas")
    parser.add_argument("--slice", help="directory with t10k-images/labels IDX files to count correct classes on")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    kind, size, layers = load(args.model)
    blas_layers = load(args.model)[2]
    layers = prepare(layers, args.backend)
    generator = torch.Generator().manual_seed(1)
    if kind == "u8":
        batch = torch.randint(0, 256, (256, size), generator=generator).float()
    else:
        batch = torch.randint(0, 2, (256, size), generator=generator).float() * 2 - 1
    one = batch[:1]
    with torch.inference_mode():
        # The backend computes the same classes as plain matrix products (exact small integers).
        check, _ = forward(kind, blas_layers, batch)
        if not torch.equal(check, forward(kind, layers, batch, args.backend)[0]):
            raise SystemExit("the " + args.backend + " backend disagrees with torch.matmul")
        for _ in range(20):
            forward(kind, layers, one, args.backend)
            forward(kind, layers, batch, args.backend)
        b1, n1 = median_micros(lambda: forward(kind, layers, one, args.backend), 1, args.seconds / 2)
        b256, n256 = median_micros(lambda: forward(kind, layers, batch, args.backend), 256, args.seconds / 2)
    print(f"pytorch {torch.__version__} ({args.backend}) on {args.model}, {args.threads} thread(s), float +-1 matmuls:")
    if args.slice:
        images = read_idx(os.path.join(args.slice, "t10k-images-idx3-ubyte.gz")).float()
        labels = read_idx(os.path.join(args.slice, "t10k-labels-idx1-ubyte.gz")).reshape(-1).long()
        with torch.inference_mode():
            classes = forward(kind, blas_layers, images)[0]
        print(f"  {int((classes == labels).sum())}/{len(labels)} correct on {args.slice}")
    print(f"  batch 1:   {b1:8.2f} us per inference (median of {n1} rounds)")
    print(f"  batch 256: {b256:8.2f} us per inference (median of {n256} batches)")


if __name__ == "__main__":
    main()
