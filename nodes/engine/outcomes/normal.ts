/** Standard normal CDF (Abramowitz–Stegun 7.1.26, |error| < 1.5e-7). */
export function normalCdf(z: number): number {
	const t = 1 / (1 + 0.3275911 * (Math.abs(z) / Math.SQRT2));
	const poly =
		t *
		(0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
	const erf = 1 - poly * Math.exp(-(z * z) / 2);
	return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** The z whose two-sided tail is `alpha` (bisection on the CDF). */
export function twoSidedZ(alpha: number): number {
	if (alpha <= 0) return Number.POSITIVE_INFINITY;
	let low = 0;
	let high = 40;
	for (let i = 0; i < 80; i++) {
		const mid = (low + high) / 2;
		if (2 * (1 - normalCdf(mid)) > alpha) low = mid;
		else high = mid;
	}
	return (low + high) / 2;
}

/** Two-sided p-value of a z statistic. */
export const twoSidedP = (z: number) => 2 * (1 - normalCdf(Math.abs(z)));
