import { availableParallelism } from 'node:os';
import type { Logger } from 'pino';
import type { Config } from '../config/schema.ts';
import type { Store } from '../store/db.ts';
import { PeopleRepo } from '../store/people.ts';
import { SettingsRepo } from '../store/settings.ts';
import { TemplateCipher } from '../store/templateCipher.ts';
import { readOrCreateSecret } from '../store/secrets.ts';
import { FaceService, type VisionSettings } from './faceService.ts';
import { WorkerPool, type FaceAnalyzer } from './workerPool.ts';

export const TEMPLATE_KEY_FILE = 'template.key';

export function visionSettings(v: Config['vision']): VisionSettings {
  return {
    quality: { minEyeDistance: v.minEyeDistance, minSharpness: v.minSharpness, maxYaw: v.maxYaw, maxPitch: v.maxPitch, minDetection: v.minDetection },
    matchThreshold: v.matchThreshold,
    minAntispoof: v.minAntispoof,
    minLiveness: v.minLiveness,
    burst: { strictness: v.livenessStrictness, minParallax: v.minParallax },
    keepPhotos: v.keepPhotos,
    limits: { maxBytes: v.maxImageBytes, maxPixels: v.maxImagePixels },
  };
}

/** Face engine threads: as configured, else one per core up to two. */
export function engineThreads(config: Config): number {
  return config.vision.workers || Math.min(2, availableParallelism());
}

/** The face service for this config, its engine threads started on first use. */
export function createFaceService(config: Config, store: Store, log: Logger, analyzer?: FaceAnalyzer): FaceService {
  const workers = engineThreads(config);
  return new FaceService({
    repo: new PeopleRepo(store.db),
    versions: new SettingsRepo(store.db),
    analyzer: analyzer ?? WorkerPool.lazy(workers, log),
    cipher: new TemplateCipher(config.vision.templateKey || readOrCreateSecret(config.dataDir, TEMPLATE_KEY_FILE)),
    dataDir: config.dataDir,
    settings: visionSettings(config.vision),
    log,
  });
}
