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
 * <p>{@code bench/EngineBenchmark} measures the 784-256-256-10 u8 network; the u8 first layer costs
 * about two thirds of an inference.
 */
package dev.brainblitz.ir.engine;
