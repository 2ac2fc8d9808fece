// Types of the newsroom's browser scripts, checked by tsconfig.assets.json.
// Not served (loadAssets serves *.js only). The story model is the server's
// own (src/content/types.ts, pure declarations), so the editor is checked
// against what the API accepts and answers.
import type { Author, Block, BlockType, BroadcastRef, Figure, FigureKind, Inline, MediaType, RelatedTeaser, Story, StoryDraft, StoryKind, StoryStatus } from '../../src/content/types.js';

export type { Author, Block, BlockType, BroadcastRef, Figure, FigureKind, Inline, MediaType, RelatedTeaser, Story, StoryDraft, StoryKind, StoryStatus };

/** A story as the newsroom API answers it: the stored story plus the names the server adds. */
export interface StoryView extends Story {
  modifiedByName?: string;
  ownerName?: string;
}

/** One block of a given type ("figure" → FigureBlock). */
export type BlockOf<K extends BlockType> = Extract<Block, { type: K }>;

/** A status change this user may make (from the server's transition table). */
export interface Move {
  from: StoryStatus;
  to: StoryStatus;
}

/** The editor page's JSON island (#editor-config), built by EditorView in src/admin/editor-page.tsx. */
export interface EditorConfig {
  story: StoryView | null;
  user: { id: string; name: string };
  canEdit: boolean;
  canCorrect: boolean;
  canDepublish: boolean;
  moves: Move[];
  limits: { kicker: number; headline: number; teaser: number; alt: number; caption: number; url: number; related: number };
  media: boolean;
  canUpload: boolean;
  text: EditorText;
}

/** Rights states as the media API names them (GET /newsroom/api/media). */
export type LibraryRightsStatus = 'valid' | 'expiring' | 'lapsed' | 'not-yet-valid';

/** The part of a media-library picture (the media API's asset view) the editor shows. */
export interface LibraryAsset {
  id: string;
  originalName?: string | null;
  rights?: { credit?: string; validFrom?: string; validUntil?: string };
  rightsStatus?: LibraryRightsStatus;
  urls?: { thumbnail?: string };
}

/** One problem in an API refusal. */
export interface ApiIssue {
  path?: string;
  message?: string;
  code?: string;
  /** The problem in the user's language, when the server words it. */
  text?: string;
}

/** The `error` of an API refusal ({ error: { code, message, text?, issues? } }). */
export interface ApiError {
  code?: string;
  message?: string;
  text?: string;
  issues?: ApiIssue[];
}

/** The editor's texts in the user's language (EDITOR_TEXT[lang].client). */
export interface EditorText {
  chars: string;
  of: string;
  saving: string;
  saved: string;
  savedAt: string;
  unsaved: string;
  autosaved: string;
  localCopy: string;
  restore: string;
  discard: string;
  restored: string;
  discarded: string;
  alsoOpen: string;
  conflict: string;
  mergeTitle: string;
  mergeIntro: string;
  theirs: string;
  mine: string;
  takeTheirs: string;
  takeMine: string;
  allTheirs: string;
  allMine: string;
  saveMerged: string;
  cancel: string;
  field: string;
  block: string;
  empty: string;
  savedBy: string;
  mergeFields: string;
  mergeBlocks: string;
  merged: string;
  invalid: string;
  failed: string;
  offline: string;
  forbidden: string;
  sessionEnded: string;
  needHeadline: string;
  moveUp: string;
  moveDown: string;
  remove: string;
  moved: string;
  removedBlock: string;
  addedBlock: string;
  bold: string;
  italic: string;
  link: string;
  linkUrl: string;
  setLink: string;
  unlink: string;
  types: Record<BlockType, string>;
  level: string;
  level2: string;
  level3: string;
  text: string;
  figureKind: string;
  image: string;
  graphic: string;
  map: string;
  src: string;
  alt: string;
  caption: string;
  credit: string;
  speaker: string;
  ordered: string;
  items: string;
  url: string;
  provider: string;
  title: string;
  time: string;
  location: string;
  entryBody: string;
  boxHeading: string;
  boxBody: string;
  boxHint: string;
  transitions: Record<StoryStatus, string>;
  moved_to: string;
  needTime: string;
  needNote: string;
  posted: string;
  needText: string;
  pasted: string;
  status: Record<StoryStatus, string>;
  scheduledFor: string;
  depublishFor: string;
  depublishCleared: string;
  position: string;
  emptyBody: string;
  saveFirst: string;
  altHint: string;
  choose: string;
  chooseOther: string;
  removePicture: string;
  detach: string;
  leadImage: string;
  leadNone: string;
  creditLine: string;
  noCredit: string;
  creditFromLibrary: string;
  rights: Record<LibraryRightsStatus, string>;
  until: string;
  from: string;
  untitled: string;
  external: string;
  openInLibrary: string;
  lapsedWhy: string;
  lapsedChosen: string;
  notYetWhy: string;
  assetMissing: string;
  assetLoading: string;
  searching: string;
  found: string;
  foundOne: string;
  noResults: string;
  libraryFailed: string;
  uploading: string;
  uploadFailed: string;
  chosen: string;
  pictureRemoved: string;
  noCreditIssue: string;
  noSuchPicture: string;
  altIssue: string;
  relatedImage: string;
  authorImage: string;
  refused: string;
  related: string;
  relatedItem: string;
  relatedAdd: string;
  relatedNone: string;
  relatedAdded: string;
  relatedRemoved: string;
  relatedMoved: string;
  relatedUntitled: string;
  mediaType: string;
  mediaTypes: Record<MediaType, string>;
  duration: string;
  durationHint: string;
  durationBad: string;
  durationBlocked: string;
  relatedUrl: string;
  relatedUrlHint: string;
  relatedUrlBad: string;
  relatedPicture: string;
  relatedNoPicture: string;
  relatedAlt: string;
}
