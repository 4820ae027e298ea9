/**
 * Adam's constants, all explicit and shared by every implementation: tfjs's adam() picks up
 * the backend's float epsilon (1e-4 on webgl) unless given one, which would make backends
 * disagree (platform.md).
 */
export const ADAM = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } as const;
