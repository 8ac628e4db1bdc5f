import type { DetectionInput } from '@vpe-storage/core';

/**
 * `count` synthetic detections spread over the frames of a video, generated lazily so 100,000 (or
 * 10 million) never sit in memory at once. Deterministic: the same inputs give the same boxes.
 */
export async function* demoDetections(
  videoId: string,
  count: number,
  video: { duration: number; frameRate: number; width: number; height: number },
): AsyncGenerator<DetectionInput> {
  const frames = Math.max(1, Math.floor(video.duration * video.frameRate));
  const detectors = ['face', 'screen-text', 'terminal'];
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let i = 0; i < count; i++) {
    const frameNumber = i % frames;
    const width = 16 + Math.floor(random() * (video.width / 4));
    const height = 16 + Math.floor(random() * (video.height / 4));
    const confidence = Math.round(random() * 1000) / 1000;
    yield {
      videoId,
      timestamp: frameNumber / video.frameRate,
      frameNumber,
      detectorType: detectors[i % detectors.length] as string,
      bbox: {
        x: Math.floor(random() * (video.width - width)),
        y: Math.floor(random() * (video.height - height)),
        width,
        height,
      },
      confidence,
      needsReview: confidence < 0.3,
    };
  }
}
