/**
 * The fast engine: a {@link dev.brainblitz.ir.Network} compiled once into packed weights and
 * branch-free threshold tests, then run many times without allocating, bit-exact with the golden
 * model.
 *
 * <p>Layers by input kind:
 * <ul>
 *   <li>Over a bipolar vector ({@link dev.brainblitz.ir.engine.BipolarLayer},
 *       {@link dev.brainblitz.ir.engine.BipolarScores}): weights in 64-bit words, row after row
 *       ({@link dev.brainblitz.ir.engine.XnorRows}); popcount(XNOR) is the input count minus the
 *       popcount of XOR, threshold and bit packing fused into the same loop.
 *   <li>Over u8 elements, only ever the first layer ({@link dev.brainblitz.ir.engine.U8Layer},
 *       {@link dev.brainblitz.ir.engine.U8Scores}): the input is split into 8 bit planes
 *       ({@link dev.brainblitz.ir.engine.BitPlanes}) and the signed sum is
 *       2 sum_b 2^b popcount(plane_b AND w) - sum x ({@link dev.brainblitz.ir.engine.PlaneColumns}),
 *       computed for all neurons at once so that C2 vectorizes the popcounts.
 * </ul>
 *
 * <p>Batches ({@code FastEngine.inferBatch}) run in blocks of {@code FastEngine.BLOCK} inputs: each
 * dense layer takes a weight word (one column of 32 inputs for all neurons) and applies it to every
 * input of the block before the next word, so the block reuses weights from the L1 cache; each input
 * runs in the same vectorized loop as a single inference (a loop over several accumulator arrays at
 * once is not vectorized by C2, which cannot prove they do not alias). A batch can also run on
 * several threads, each taking a contiguous share of whole blocks; results never depend on the
 * block or the thread count. Target {@code engine} takes the thread count from
 * {@link dev.brainblitz.ir.engine.EngineOptions} (default: all cores); {@code blitz bench},
 * {@code infer} and {@code verify} take {@code --threads N}.
 *
 * <p>Measured on mlp784 on a shared 2-core AMD EPYC (AVX-512 VPOPCNTDQ) at load average about 20,
 * medians of rounds ({@code blitz bench mlp784 --seconds 6}): batch 1 about 3-4 us per inference,
 * batch 256 on one thread the same per inference (weights fit in L1/L2 here, so blocking gains
 * nothing measurable on this model; it is there for wider layers). PyTorch 1.13 (Debian) on the same
 * model as float +-1 matrix products ({@code bench/torch/engine_vs_torch.py}), one thread: 176 us
 * at batch 1 and 1,268 us per inference at batch 256 with its generic BLAS, 231 us and 7.6 us with
 * oneDNN ({@code --backend mkldnn}).
 *
 * <p>{@code bench/EngineBenchmark} measures the 784-256-256-10 u8 network; the u8 first layer costs
 * about two thirds of an inference.
 */
package dev.brainblitz.ir.engine;
