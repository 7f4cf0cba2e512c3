/** Homework files (issue 15 §2): a lesson's files and handed-in work, an upload ticket, deletion. */
import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  DeleteHomeworkFileMutation,
  DeleteHomeworkFileMutationVariables,
  HomeworkLessonFilesQuery,
  HomeworkLessonFilesQueryVariables,
  RequestHomeworkFileUploadMutation,
  RequestHomeworkFileUploadMutationVariables,
} from '../../generated/graphql.ts';

export type LessonFiles = NonNullable<HomeworkLessonFilesQuery['lesson']>;
export type HomeworkFileData = NonNullable<LessonFiles['homework']>['files'][number];

export const HOMEWORK_LESSON_FILES: TypedDocumentNode<HomeworkLessonFilesQuery, HomeworkLessonFilesQueryVariables> =
  gql`
    query HomeworkLessonFiles($lessonId: ID!) {
      lesson(id: $lessonId) {
        id
        homework {
          text
          files {
            ...HomeworkFileFields
          }
        }
        homeworkSubmissions {
          student {
            id
            fullName
          }
          submittedAt
          files {
            ...HomeworkFileFields
          }
        }
      }
    }
    fragment HomeworkFileFields on HomeworkFile {
      id
      name
      size
      scanStatus
      uploadedAt
      downloadUrl
    }
  `;

export const REQUEST_HOMEWORK_FILE_UPLOAD: TypedDocumentNode<
  RequestHomeworkFileUploadMutation,
  RequestHomeworkFileUploadMutationVariables
> = gql`
  mutation RequestHomeworkFileUpload($input: HomeworkFileUploadInput!) {
    requestHomeworkFileUpload(input: $input) {
      url
      expiresAt
      maxBytes
    }
  }
`;

export const DELETE_HOMEWORK_FILE: TypedDocumentNode<DeleteHomeworkFileMutation, DeleteHomeworkFileMutationVariables> =
  gql`
    mutation DeleteHomeworkFile($id: ID!) {
      deleteHomeworkFile(id: $id)
    }
  `;
