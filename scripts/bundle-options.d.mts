import type { BuildOptions } from 'esbuild';

export declare const nodeBundleOptions: Pick<BuildOptions, 'keepNames' | 'alias' | 'define'>;
export declare const NATIVE_MODULES: string[];
export declare const ESM_ONLY_MODULES: string[];
export declare const UNBUNDLED_MODULES: string[];
