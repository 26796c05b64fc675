module.exports = {
  displayName: 'placement',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/domain/placement',
};
