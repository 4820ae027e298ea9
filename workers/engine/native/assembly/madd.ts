// acc + a · b, lane-wise: the one multiply-add every matrix kernel is built from.
//
// Two builds of the kernels share this source (scripts/native/compile-kernels.ts). With
// relaxed SIMD it is f32x4.relaxed_madd, which V8 lowers to the CPU's fused multiply-add
// (x86 FMA3, ARM fmla): one instruction and one rounding instead of two, which is what
// lets the dense kernels run ~1.4× faster. Without it (engines that lack relaxed SIMD) it
// is a multiply then an add. Either way a build gives the same bits for the same inputs,
// in every worker of a machine, so results stay independent of how models are split.

// @ts-ignore: decorator
@inline
export function madd(a: v128, b: v128, acc: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, acc);
  return f32x4.add(acc, f32x4.mul(a, b));
}
