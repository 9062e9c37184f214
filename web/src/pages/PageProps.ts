export interface PageProps {
  params: URLSearchParams;
}
