/** Operations of messages, announcements and the bell (issue 15 §1). */
import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  AnnouncementTargetsQuery,
  AnnouncementTargetsQueryVariables,
  CurrentAnnouncementsQuery,
  CurrentAnnouncementsQueryVariables,
  MarkNotificationsReadMutation,
  MarkNotificationsReadMutationVariables,
  MarkThreadReadMutation,
  MarkThreadReadMutationVariables,
  MessageRecipientsQuery,
  MessageRecipientsQueryVariables,
  MessageThreadQuery,
  MessageThreadQueryVariables,
  MessageThreadsQuery,
  MessageThreadsQueryVariables,
  MyAnnouncementsQuery,
  MyAnnouncementsQueryVariables,
  NotificationsQuery,
  NotificationsQueryVariables,
  NotificationSettingsQuery,
  NotificationSettingsQueryVariables,
  PublishAnnouncementMutation,
  PublishAnnouncementMutationVariables,
  ReplyToThreadMutation,
  ReplyToThreadMutationVariables,
  RequestMessageFileUploadMutation,
  RequestMessageFileUploadMutationVariables,
  SendMessageMutation,
  SendMessageMutationVariables,
  SetNotificationSettingMutation,
  SetNotificationSettingMutationVariables,
  UnreadMessagesQuery,
  UnreadMessagesQueryVariables,
} from '../../generated/graphql.ts';

export const MESSAGE_THREADS: TypedDocumentNode<MessageThreadsQuery, MessageThreadsQueryVariables> = gql`
  query MessageThreads {
    messageThreads(first: 100) {
      id
      subject
      lastMessageAt
      lastMessage
      unreadCount
      counterpart {
        id
        name
        depersonalized
      }
    }
    unreadMessageCount
  }
`;

export const MESSAGE_THREAD: TypedDocumentNode<MessageThreadQuery, MessageThreadQueryVariables> = gql`
  query MessageThread($id: ID!) {
    messageThread(id: $id) {
      id
      subject
      lastMessageAt
      unreadCount
      counterpart {
        id
        name
        depersonalized
      }
      messages {
        id
        mine
        body
        createdAt
        author {
          id
          name
        }
        files {
          id
          name
          size
          downloadUrl
        }
      }
    }
  }
`;

export const MESSAGE_RECIPIENTS: TypedDocumentNode<MessageRecipientsQuery, MessageRecipientsQueryVariables> = gql`
  query MessageRecipients {
    messageRecipients {
      personId
      name
      relation
      classId
      className
      childName
      organizationId
    }
  }
`;

export const SEND_MESSAGE: TypedDocumentNode<SendMessageMutation, SendMessageMutationVariables> = gql`
  mutation SendMessage($input: SendMessageInput!) {
    sendMessage(input: $input) {
      id
    }
  }
`;

export const REPLY_TO_THREAD: TypedDocumentNode<ReplyToThreadMutation, ReplyToThreadMutationVariables> = gql`
  mutation ReplyToThread($threadId: ID!, $body: String!, $fileIds: [ID!]) {
    replyToThread(threadId: $threadId, body: $body, fileIds: $fileIds) {
      id
      lastMessageAt
      unreadCount
      messages {
        id
        mine
        body
        createdAt
        author {
          id
          name
        }
        files {
          id
          name
          size
          downloadUrl
        }
      }
    }
  }
`;

export const MARK_THREAD_READ: TypedDocumentNode<MarkThreadReadMutation, MarkThreadReadMutationVariables> = gql`
  mutation MarkThreadRead($threadId: ID!) {
    markThreadRead(threadId: $threadId) {
      id
      unreadCount
    }
  }
`;

export const CURRENT_ANNOUNCEMENTS: TypedDocumentNode<CurrentAnnouncementsQuery, CurrentAnnouncementsQueryVariables> =
  gql`
    query CurrentAnnouncements {
      announcements {
        id
        title
        body
        validFrom
        validTo
        targetTitle
        authorTitle
        audiences
      }
    }
  `;

export const MY_ANNOUNCEMENTS: TypedDocumentNode<MyAnnouncementsQuery, MyAnnouncementsQueryVariables> = gql`
  query MyAnnouncements {
    myAnnouncements {
      id
      title
      body
      validFrom
      validTo
      targetTitle
      audiences
    }
  }
`;

export const ANNOUNCEMENT_TARGETS: TypedDocumentNode<AnnouncementTargetsQuery, AnnouncementTargetsQueryVariables> = gql`
  query AnnouncementTargets {
    announcementTargets {
      scope
      organizationId
      classId
      municipalityId
      title
    }
  }
`;

export const PUBLISH_ANNOUNCEMENT: TypedDocumentNode<
  PublishAnnouncementMutation,
  PublishAnnouncementMutationVariables
> = gql`
  mutation PublishAnnouncement($input: AnnouncementInput!) {
    publishAnnouncement(input: $input) {
      id
    }
  }
`;

export const NOTIFICATIONS: TypedDocumentNode<NotificationsQuery, NotificationsQueryVariables> = gql`
  query Notifications {
    notifications(first: 20) {
      id
      kind
      title
      threadId
      announcementId
      aboutPersonId
      createdAt
      read
    }
    unreadNotificationCount
  }
`;

export const NOTIFICATION_SETTINGS: TypedDocumentNode<NotificationSettingsQuery, NotificationSettingsQueryVariables> =
  gql`
    query NotificationSettings {
      notificationSettings {
        kind
        inApp
        email
      }
    }
  `;

export const MARK_NOTIFICATIONS_READ: TypedDocumentNode<
  MarkNotificationsReadMutation,
  MarkNotificationsReadMutationVariables
> = gql`
  mutation MarkNotificationsRead($ids: [ID!]) {
    markNotificationsRead(ids: $ids)
  }
`;

export const SET_NOTIFICATION_SETTING: TypedDocumentNode<
  SetNotificationSettingMutation,
  SetNotificationSettingMutationVariables
> = gql`
  mutation SetNotificationSetting($kind: NotificationKind!, $inApp: Boolean!, $email: Boolean) {
    setNotificationSetting(kind: $kind, inApp: $inApp, email: $email) {
      kind
      inApp
      email
    }
  }
`;

export const UNREAD_MESSAGES: TypedDocumentNode<UnreadMessagesQuery, UnreadMessagesQueryVariables> = gql`
  query UnreadMessages {
    unreadMessageCount
  }
`;

export const REQUEST_MESSAGE_FILE_UPLOAD: TypedDocumentNode<
  RequestMessageFileUploadMutation,
  RequestMessageFileUploadMutationVariables
> = gql`
  mutation RequestMessageFileUpload($input: MessageFileUploadInput!) {
    requestMessageFileUpload(input: $input) {
      url
      expiresAt
      maxBytes
    }
  }
`;
