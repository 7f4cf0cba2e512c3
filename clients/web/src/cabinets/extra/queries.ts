/** The extra-education organization's programmes and groups (issue 11, the catalogue module's mutations). */
import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  ArchiveProgrammeMutation,
  ArchiveProgrammeMutationVariables,
  CreateGroupMutation,
  CreateGroupMutationVariables,
  CreateProgrammeMutation,
  CreateProgrammeMutationVariables,
  ManagedProgrammeQuery,
  ManagedProgrammeQueryVariables,
  ManagedProgrammesQuery,
  ManagedProgrammesQueryVariables,
  PublishProgrammeMutation,
  PublishProgrammeMutationVariables,
  UpdateProgrammeMutation,
  UpdateProgrammeMutationVariables,
} from '../../generated/graphql.ts';

export type ManagedProgrammeRow = ManagedProgrammesQuery['managedProgrammes']['edges'][number]['node'];
export type ManagedProgramme = NonNullable<ManagedProgrammeQuery['programme']>;

export const MANAGED_PROGRAMMES_QUERY: TypedDocumentNode<ManagedProgrammesQuery, ManagedProgrammesQueryVariables> = gql`
  query ManagedProgrammes($organizationId: ID!, $status: ProgrammeStatus, $first: Int!, $after: String) {
    managedProgrammes(filter: { organizationId: $organizationId, status: $status }, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          direction
          ageFrom
          ageTo
          status
          funding
          freePlaces
          groups {
            id
          }
        }
      }
    }
  }
`;

export const MANAGED_PROGRAMME_QUERY: TypedDocumentNode<ManagedProgrammeQuery, ManagedProgrammeQueryVariables> = gql`
  query ManagedProgramme($id: ID!) {
    programme(id: $id) {
      id
      name
      description
      direction
      ageFrom
      ageTo
      durationMonths
      hours
      pricePerMonth
      funding
      status
      freePlaces
      organization {
        id
        shortName
        pfdoParticipant
      }
      groups {
        id
        name
        schedule
        capacity
        startsOn
        endsOn
        freePlaces
      }
    }
  }
`;

export const CREATE_PROGRAMME: TypedDocumentNode<CreateProgrammeMutation, CreateProgrammeMutationVariables> = gql`
  mutation CreateProgramme($input: CreateProgrammeInput!) {
    createProgramme(input: $input) {
      id
      status
    }
  }
`;

export const UPDATE_PROGRAMME: TypedDocumentNode<UpdateProgrammeMutation, UpdateProgrammeMutationVariables> = gql`
  mutation UpdateProgramme($id: ID!, $input: UpdateProgrammeInput!) {
    updateProgramme(id: $id, input: $input) {
      id
      name
      description
      direction
      ageFrom
      ageTo
      durationMonths
      hours
      pricePerMonth
      funding
    }
  }
`;

export const PUBLISH_PROGRAMME: TypedDocumentNode<PublishProgrammeMutation, PublishProgrammeMutationVariables> = gql`
  mutation PublishProgramme($id: ID!) {
    publishProgramme(id: $id) {
      id
      status
    }
  }
`;

export const ARCHIVE_PROGRAMME: TypedDocumentNode<ArchiveProgrammeMutation, ArchiveProgrammeMutationVariables> = gql`
  mutation ArchiveProgramme($id: ID!) {
    archiveProgramme(id: $id) {
      id
      status
    }
  }
`;

export const CREATE_GROUP: TypedDocumentNode<CreateGroupMutation, CreateGroupMutationVariables> = gql`
  mutation CreateGroup($input: CreateGroupInput!) {
    createGroup(input: $input) {
      id
    }
  }
`;
