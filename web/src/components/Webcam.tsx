import { useEffect, useRef, useState } from 'react';

/** This device's camera: capture a still, look at it, keep it or retake. */
export function Webcam({ onKeep }: { onKeep: (photo: Blob) => Promise<void> }) {
  const video = useRef<HTMLVideoElement>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [shot, setShot] = useState<{ blob: Blob; url: string } | null>(null);
  const [error, setError] = useState('');

  useEffect(() => () => stream?.getTracks().forEach((t) => t.stop()), [stream]);
  useEffect(() => {
    if (video.current && stream) video.current.srcObject = stream;
  }, [stream, shot]);

  const start = async () => {
    try {
      setStream(await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false }));
    } catch (e) {
      setError(`No camera: ${(e as Error).message}`);
    }
  };
  const capture = () => {
    const v = video.current;
    if (!v?.videoWidth) return;
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext('2d')?.drawImage(v, 0, 0);
    canvas.toBlob((blob) => blob && setShot({ blob, url: URL.createObjectURL(blob) }), 'image/jpeg', 0.92);
  };
  const retake = () => {
    if (shot) URL.revokeObjectURL(shot.url);
    setShot(null);
  };
  const keep = async () => {
    if (!shot) return;
    await onKeep(shot.blob);
    retake();
  };

  if (!stream)
    return (
      <div>
        <button type="button" className="btn secondary" onClick={() => void start()}>
          Use this device's camera
        </button>
        {error && <p className="error">{error}</p>}
      </div>
    );
  return (
    <div className="webcam">
      {shot ? <img src={shot.url} alt="Captured photo" /> : <video ref={video} autoPlay muted playsInline aria-label="Camera preview" />}
      <div>
        {shot ? (
          <>
            <button type="button" className="btn primary" onClick={() => void keep()}>
              Keep
            </button>
            <button type="button" className="btn secondary" onClick={retake}>
              Retake
            </button>
          </>
        ) : (
          <button type="button" className="btn primary" onClick={capture}>
            Capture
          </button>
        )}
      </div>
    </div>
  );
}
