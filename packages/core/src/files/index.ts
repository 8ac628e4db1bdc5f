// Backend-neutral file management (layout, storeVideo, storeFrameImage, storeModel, cleanup).
export {};
